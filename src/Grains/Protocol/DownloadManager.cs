using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Grains.Protocol;

/// <summary>
/// The artifacts a node wants, and the deadlines of their downloads: one download per artifact at a time; a
/// download past its deadline times out and its source goes to the back of the advertisers. The deadlines form a
/// list ordered by time, through the downloads themselves: a download leaves it when it is removed or started
/// again, so the list holds no more than the downloads, and a node's next wake-up is a live deadline. A removed
/// download is kept for reuse (<see cref="Rent"/>), up to <see cref="MaxSpare"/> of them, linked through the same fields.
/// </summary>
public sealed class DownloadManager
{
    /// <summary>The most finished downloads kept for reuse: about what a node has in flight at once in a busy subnet.</summary>
    public const int MaxSpare = 64;

    private readonly Dictionary<ArtifactId, Download> _downloads = [];
    private Download? _earliest;
    private Download? _latest;
    private Download? _spare;
    private int _spareCount;

    public int Count => _downloads.Count;

    public int InFlight => _downloads.Values.Count(d => d.Source is not null);

    public IEnumerable<Download> All => _downloads.Values;

    public double? NextDeadlineMs => _earliest?.DeadlineMs;

    public bool TryGet(ArtifactId id, out Download download) => _downloads.TryGetValue(id, out download!);

    /// <summary>A download for <paramref name="advert"/>, a finished one made fresh if there is one; not added yet.</summary>
    public Download Rent(Advert advert, Priority priority, int peers)
    {
        if (_spare is not { } download)
        {
            return new Download(advert, priority, peers);
        }

        _spare = download.LaterDeadline;
        _spareCount--;
        download.Reuse(advert, priority, peers);
        return download;
    }

    public void Add(Download download) => _downloads.Add(download.Advert.Id, download);

    /// <summary>Ends the download of <paramref name="id"/>. The download object is kept for reuse: use it no more.</summary>
    public bool Remove(ArtifactId id)
    {
        if (!_downloads.Remove(id, out var download))
        {
            return false;
        }

        Unlink(download);
        if (_spareCount < MaxSpare)
        {
            download.LaterDeadline = _spare;
            _spare = download;
            _spareCount++;
        }

        return true;
    }

    public void Start(Download download, NodeId source, double deadlineMs)
    {
        download.Source = source;
        download.Attempt++;
        Unlink(download);
        download.DeadlineMs = deadlineMs;
        Link(download);
    }

    /// <summary>Downloads whose deadline has passed by <paramref name="nowMs"/>, with the peer each was from.</summary>
    public List<(Download Download, NodeId Source)> TakeTimedOut(double nowMs)
    {
        var timedOut = new List<(Download, NodeId)>();
        while (_earliest is { } download && download.DeadlineMs <= nowMs)
        {
            Unlink(download);
            if (download.Source is { } source)
            {
                download.Source = null;
                download.MoveToBack(source);
                timedOut.Add((download, source));
            }
        }

        return timedOut;
    }

    /// <summary>Forgets <paramref name="peer"/> as an advertiser; returns the downloads that were in flight from it.</summary>
    public List<Download> ForgetPeer(NodeId peer)
    {
        var orphaned = new List<Download>();
        foreach (var download in _downloads.Values)
        {
            download.RemoveAdvertiser(peer);
            if (download.Source == peer)
            {
                download.Source = null;
                orphaned.Add(download);
            }
        }

        return orphaned;
    }

    /// <summary>Puts <paramref name="download"/> on the deadline list in time order (mostly at the end: deadlines grow).</summary>
    private void Link(Download download)
    {
        var before = _latest;
        while (before is not null && before.DeadlineMs > download.DeadlineMs)
        {
            before = before.EarlierDeadline;
        }

        var after = before is null ? _earliest : before.LaterDeadline;
        download.EarlierDeadline = before;
        download.LaterDeadline = after;
        if (before is null)
        {
            _earliest = download;
        }
        else
        {
            before.LaterDeadline = download;
        }

        if (after is null)
        {
            _latest = download;
        }
        else
        {
            after.EarlierDeadline = download;
        }

        download.HasDeadline = true;
    }

    private void Unlink(Download download)
    {
        if (!download.HasDeadline)
        {
            return;
        }

        if (download.EarlierDeadline is { } earlier)
        {
            earlier.LaterDeadline = download.LaterDeadline;
        }
        else
        {
            _earliest = download.LaterDeadline;
        }

        if (download.LaterDeadline is { } later)
        {
            later.EarlierDeadline = download.EarlierDeadline;
        }
        else
        {
            _latest = download.EarlierDeadline;
        }

        download.EarlierDeadline = null;
        download.LaterDeadline = null;
        download.HasDeadline = false;
    }
}
