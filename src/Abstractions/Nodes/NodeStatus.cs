using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Abstractions.Nodes;

/// <summary>A node's state at a glance.</summary>
[GenerateSerializer, Immutable]
public sealed record NodeStatus(
    NodeId Node,
    long RegistryVersion,
    IReadOnlyList<NodeId> Peers,
    IReadOnlyList<NodeId> CutLinks,
    int ValidatedArtifacts,
    int PendingDownloads,
    long MisbehaviourCount);
