using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Grains.Protocol;

/// <summary>
/// The artifacts a node wants, and the deadlines of their downloads: one download per artifact at a time; a
/// download past its deadline times out and its source goes to the back of the advertisers.
/// </summary>
public sealed class DownloadManager
{
    private readonly Dictionary<ArtifactId, Download> _downloads = [];
    private readonly PriorityQueue<(ArtifactId Id, int Attempt), double> _deadlines = new();

    public int Count => _downloads.Count;

    public int InFlight => _downloads.Values.Count(d => d.Source is not null);

    public IEnumerable<Download> All => _downloads.Values;

    public double? NextDeadlineMs => _deadlines.TryPeek(out _, out var at) ? at : null;

    public bool TryGet(ArtifactId id, out Download download) => _downloads.TryGetValue(id, out download!);

    public void Add(Download download) => _downloads.Add(download.Advert.Id, download);

    public bool Remove(ArtifactId id) => _downloads.Remove(id);

    public void Start(Download download, NodeId source, double deadlineMs)
    {
        download.Source = source;
        download.Attempt++;
        _deadlines.Enqueue((download.Advert.Id, download.Attempt), deadlineMs);
    }

    /// <summary>Downloads whose deadline has passed by <paramref name="nowMs"/>, with the peer each was from.</summary>
    public List<(Download Download, NodeId Source)> TakeTimedOut(double nowMs)
    {
        var timedOut = new List<(Download, NodeId)>();
        while (_deadlines.TryPeek(out var entry, out var at) && at <= nowMs)
        {
            _deadlines.Dequeue();
            if (_downloads.TryGetValue(entry.Id, out var download) && download.Attempt == entry.Attempt &&
                download.Source is { } source)
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
            download.Advertisers.Remove(peer);
            if (download.Source == peer)
            {
                download.Source = null;
                orphaned.Add(download);
            }
        }

        return orphaned;
    }
}
