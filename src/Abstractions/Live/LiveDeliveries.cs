using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Abstractions.Live;

/// <summary>
/// The nodes of one subnet that took an artifact into their pools during a batch, and when (emulated milliseconds
/// since the run's epoch); <see cref="Nodes"/> and <see cref="AtMs"/> pair up by position.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LiveDeliveries(ArtifactId Artifact, SubnetId Subnet, IReadOnlyList<NodeId> Nodes, IReadOnlyList<double> AtMs);
