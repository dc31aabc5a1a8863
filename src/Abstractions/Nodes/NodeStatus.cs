using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Abstractions.Nodes;

/// <summary>
/// A node's state at a glance; a <see cref="Crashed"/> node has no peers and an empty pool until it restarts.
/// <see cref="FinalizedHeight"/> is the height below which its pool purges consensus artifacts.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record NodeStatus(
    NodeId Node,
    long RegistryVersion,
    IReadOnlyList<NodeId> Peers,
    IReadOnlyList<NodeId> CutLinks,
    int ValidatedArtifacts,
    int PendingDownloads,
    long MisbehaviourCount,
    bool Crashed = false,
    long FinalizedHeight = 0);
