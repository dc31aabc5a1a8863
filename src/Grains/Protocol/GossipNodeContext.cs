using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Grains.Protocol;

/// <summary>
/// What a protocol core is given: who it is, how it behaves, its settings, and the clock and random source that
/// make a run replayable. <see cref="Epoch"/> is emulated time zero, from which the ledger's times are counted.
/// </summary>
public sealed record GossipNodeContext(
    NodeId Self,
    NodeBehaviour Behaviour,
    GossipSettings Settings,
    TimeProvider Time,
    Random Random,
    DateTimeOffset Epoch,
    IGossipTransport Transport,
    IGossipObserver Observer)
{
    public double NowMs => (Time.GetUtcNow() - Epoch).TotalMilliseconds;
}
