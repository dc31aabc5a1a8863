using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Abstractions.Live;

/// <summary>
/// A node's state at a moment: whether it is down, its counters per artifact kind (<see cref="Counters"/>, laid out as
/// <see cref="LiveCounters"/> says), its download queues per priority class, how far its uplink is booked ahead per
/// class (emulated milliseconds), the height it saw finalized, and its peers and cut links when they changed since
/// its previous sample (null when they did not).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LiveNodeSample(
    NodeId Node,
    SubnetId Subnet,
    double AtMs,
    bool Crashed,
    long RegistryVersion,
    long FinalizedHeight,
    long[] Counters,
    int[] QueuedFetches,
    double[] UplinkBacklogMs,
    IReadOnlyList<NodeId>? Peers,
    IReadOnlyList<NodeId>? CutLinks);
