using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Grains.Protocol.AbortableBroadcast;

/// <summary>
/// The one assembly of an artifact a node was offered by id: the peers advertising it now, and the download in
/// flight, whose time-out backs off from 5 s doubling to 120 s.
/// </summary>
public sealed class Assembly(Advert advert)
{
    public const double InitialTimeoutMs = 5_000;
    public const double MaxTimeoutMs = 120_000;

    public Advert Advert { get; } = advert;

    public HashSet<NodeId> Advertisers { get; } = [];

    public NodeId? Source { get; set; }

    public double DeadlineMs { get; set; }

    public double TimeoutMs { get; set; } = InitialTimeoutMs;
}
