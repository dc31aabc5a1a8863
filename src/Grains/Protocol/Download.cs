using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Grains.Protocol;

/// <summary>
/// An artifact a node has been told of and does not hold yet: who advertised it (in the order to try them), its
/// priority, and the one download in flight, if any.
/// </summary>
public sealed class Download(Advert advert, Priority priority)
{
    public Advert Advert { get; } = advert;

    public Priority Priority { get; set; } = priority;

    /// <summary>Peers that advertised the artifact, the next to try first; peers that timed out go to the back.</summary>
    public List<NodeId> Advertisers { get; } = [];

    /// <summary>The peer a download is in flight from, or null.</summary>
    public NodeId? Source { get; set; }

    /// <summary>Counts download attempts, so that a stale timeout is told from a live one.</summary>
    public int Attempt { get; set; }

    public bool IsFetchable => Priority <= Priority.Fetch;

    public void AddAdvertiser(NodeId peer)
    {
        if (!Advertisers.Contains(peer))
        {
            Advertisers.Add(peer);
        }
    }

    public void MoveToBack(NodeId peer)
    {
        if (Advertisers.Remove(peer))
        {
            Advertisers.Add(peer);
        }
    }
}
