using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Abstractions.Nodes;

/// <summary>
/// What a node saw during a run: what it made, when it got each artifact, its counters per kind, the heights it saw
/// finalized, and how many bodies it received per artifact (<see cref="BodyReceipts"/>; null is read as none).
/// <see cref="Alive"/> is false for a node that is down (crashed and not restarted) or no longer a member of its
/// subnet (removed from the registry) when the log is taken. <see cref="RejectedNonMember"/> counts the messages it
/// refused because their sender was not a member of its subnet at the registry versions in use.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record NodeRunLog(
    NodeId Node,
    NodeBehaviour Behaviour,
    IReadOnlyList<ArtifactOrigin> Created,
    IReadOnlyList<DeliveryRecord> Deliveries,
    IReadOnlyDictionary<ArtifactKind, KindCounters> Counters,
    IReadOnlyList<FinalizationRecord> Finalizations,
    IReadOnlyCollection<ArtifactId> Unwanted,
    IReadOnlyDictionary<ArtifactId, int>? BodyReceipts = null,
    bool Alive = true,
    IReadOnlyDictionary<string, long>? ProtocolCounters = null,
    long RejectedNonMember = 0);
