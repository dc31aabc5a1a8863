using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Abstractions.Live;

/// <summary>An artifact a node made, at an emulated time (milliseconds since the run's epoch).</summary>
[GenerateSerializer, Immutable]
public sealed record LiveCreated(ArtifactId Artifact, ArtifactKind Kind, int Size, SubnetId Subnet, NodeId Node, double AtMs);
