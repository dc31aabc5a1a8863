using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Abstractions.Nodes;

/// <summary>What a node saw during a run: what it made, when it got each artifact, its counters per kind and the heights it saw finalized.</summary>
[GenerateSerializer, Immutable]
public sealed record NodeRunLog(
    NodeId Node,
    NodeBehaviour Behaviour,
    IReadOnlyList<ArtifactOrigin> Created,
    IReadOnlyList<DeliveryRecord> Deliveries,
    IReadOnlyDictionary<ArtifactKind, KindCounters> Counters,
    IReadOnlyList<FinalizationRecord> Finalizations,
    IReadOnlyCollection<ArtifactId> Unwanted);
