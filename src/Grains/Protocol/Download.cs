using System.Diagnostics.CodeAnalysis;
using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Grains.Protocol;

/// <summary>
/// An artifact a node has been told of and does not hold yet: who advertised it (in the order to try them), its
/// priority, the one download in flight, if any, and how often each advertiser timed out on it. It makes room for
/// as many advertisers as the node has peers (at least <see cref="MinimumRoom"/>) when the first one comes: in a subnet
/// most peers advertise before the body arrives, and growing the room by doubling made two or three arrays per
/// download. A node's <see cref="DownloadManager"/> reuses its finished downloads, room and all (<see cref="Reuse"/>).
/// </summary>
public sealed class Download
{
    /// <summary>Room for at least this many advertisers at first.</summary>
    public const int MinimumRoom = 4;

    private Dictionary<NodeId, int>? _timeouts;

    /// <summary>
    /// The advertisers, in the order to try them, in an array of the download's own: a node has a download in flight
    /// per artifact it lacks, so a list object per download is what young collections would carry.
    /// </summary>
    private NodeId[] _advertisers = [];

    private int _advertiserCount;

    private int _room;

    public Download(Advert advert, Priority priority, int peers = MinimumRoom) => Reuse(advert, priority, peers);

    public Advert Advert { get; private set; }

    public Priority Priority { get; set; }

    /// <summary>Peers that advertised the artifact, the next to try first; peers that timed out go to the back.</summary>
    public ReadOnlySpan<NodeId> Advertisers => _advertisers.AsSpan(0, _advertiserCount);

    /// <summary>The peer a download is in flight from, or null.</summary>
    public NodeId? Source { get; set; }

    /// <summary>Counts download attempts, so that a stale timeout is told from a live one.</summary>
    public int Attempt { get; set; }

    public bool IsFetchable => Priority <= Priority.Fetch;

    /// <summary>When the download in flight times out, while it is on its manager's deadline list.</summary>
    public double DeadlineMs { get; internal set; }

    /// <summary>The manager's deadline list runs through the downloads themselves: no node is allocated per attempt.</summary>
    internal Download? EarlierDeadline { get; set; }

    internal Download? LaterDeadline { get; set; }

    internal bool HasDeadline { get; set; }

    public bool HasAdvertiser(NodeId peer) => Advertisers.Contains(peer);

    public void AddAdvertiser(NodeId peer)
    {
        if (HasAdvertiser(peer))
        {
            return;
        }

        if (_advertiserCount == _advertisers.Length)
        {
            Array.Resize(ref _advertisers, _advertisers.Length < _room ? _room : 2 * _advertisers.Length);
        }

        _advertisers[_advertiserCount++] = peer;
    }

    /// <summary>Forgets <paramref name="peer"/> as an advertiser; false when it was not one.</summary>
    public bool RemoveAdvertiser(NodeId peer)
    {
        var index = Advertisers.IndexOf(peer);
        if (index < 0)
        {
            return false;
        }

        Array.Copy(_advertisers, index + 1, _advertisers, index, _advertiserCount - index - 1);
        _advertisers[--_advertiserCount] = default;
        return true;
    }

    /// <summary>Counts a timed-out download from <paramref name="peer"/>.</summary>
    public void RecordTimeout(NodeId peer)
    {
        _timeouts ??= [];
        _timeouts[peer] = TimeoutsOf(peer) + 1;
    }

    public int TimeoutsOf(NodeId peer) => _timeouts?.GetValueOrDefault(peer) ?? 0;

    /// <summary>True when every advertiser has timed out on this download at least <paramref name="limit"/> times.</summary>
    public bool EveryAdvertiserTimedOut(int limit)
    {
        foreach (var peer in Advertisers)
        {
            if (TimeoutsOf(peer) < limit)
            {
                return false;
            }
        }

        return true;
    }

    public void MoveToBack(NodeId peer)
    {
        if (RemoveAdvertiser(peer))
        {
            AddAdvertiser(peer);
        }
    }

    /// <summary>
    /// Makes the download a fresh one for <paramref name="next"/>, as a new one starts and as a finished one is reused,
    /// keeping its room for advertisers: a download lives until its body comes, long enough at a time scale to outlive
    /// a young collection, so a new one per artifact was copied by the collections that stop the emulator.
    /// </summary>
    [MemberNotNull(nameof(Advert))]
    internal void Reuse(Advert next, Priority nextPriority, int peers)
    {
        Array.Clear(_advertisers, 0, _advertiserCount);
        _advertiserCount = 0;
        _room = Math.Max(MinimumRoom, peers);
        _timeouts = null;
        Advert = next;
        Priority = nextPriority;
        Source = null;
        Attempt = 0;
        DeadlineMs = 0;
        EarlierDeadline = null;
        LaterDeadline = null;
        HasDeadline = false;
    }
}
