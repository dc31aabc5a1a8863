using OrleansGossip.Abstractions.Artifacts;

namespace OrleansGossip.Abstractions.Nodes;

/// <summary>An artifact a node created: what it is and when (emulated milliseconds since the run's epoch).</summary>
[GenerateSerializer, Immutable]
public readonly record struct ArtifactOrigin(ArtifactId Artifact, ArtifactKind Kind, int Size, double AtMs);
