using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Grains.Protocol;

/// <summary>
/// An artifact a node has been told of and does not hold yet: who advertised it (in the order to try them), its
/// priority, the one download in flight, if any, and how often each advertiser timed out on it.
/// </summary>
public sealed class Download(Advert advert, Priority priority, int expectedAdvertisers = 0)
{
    private Dictionary<NodeId, int>? _timeouts;

    public Advert Advert { get; } = advert;

    public Priority Priority { get; set; } = priority;

    /// <summary>
    /// Peers that advertised the artifact, the next to try first; peers that timed out go to the back. Sized for the
    /// advertisers expected (most peers advertise what a node fetches), so that it does not grow a list per download.
    /// </summary>
    public List<NodeId> Advertisers { get; } = new(expectedAdvertisers);

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

    public void AddAdvertiser(NodeId peer)
    {
        if (!Advertisers.Contains(peer))
        {
            Advertisers.Add(peer);
        }
    }

    /// <summary>Counts a timed-out download from <paramref name="peer"/>.</summary>
    public void RecordTimeout(NodeId peer)
    {
        _timeouts ??= [];
        _timeouts[peer] = TimeoutsOf(peer) + 1;
    }

    public int TimeoutsOf(NodeId peer) => _timeouts?.GetValueOrDefault(peer) ?? 0;

    /// <summary>True when every advertiser has timed out on this download at least <paramref name="limit"/> times.</summary>
    public bool EveryAdvertiserTimedOut(int limit) => Advertisers.TrueForAll(p => TimeoutsOf(p) >= limit);

    public void MoveToBack(NodeId peer)
    {
        if (Advertisers.Remove(peer))
        {
            Advertisers.Add(peer);
        }
    }
}
