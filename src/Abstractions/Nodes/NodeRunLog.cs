using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Abstractions.Nodes;

/// <summary>What a node saw during a run: when it got each artifact, and its counters per kind.</summary>
[GenerateSerializer, Immutable]
public sealed record NodeRunLog(
    NodeId Node,
    NodeBehaviour Behaviour,
    IReadOnlyList<ArtifactOrigin> Created,
    IReadOnlyList<DeliveryRecord> Deliveries,
    IReadOnlyDictionary<ArtifactKind, KindCounters> Counters);
