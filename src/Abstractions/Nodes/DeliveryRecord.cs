using OrleansGossip.Abstractions.Artifacts;

namespace OrleansGossip.Abstractions.Nodes;

/// <summary>When (emulated milliseconds since the run's epoch) a node got an artifact into its validated pool.</summary>
[GenerateSerializer, Immutable]
public readonly record struct DeliveryRecord(ArtifactId Artifact, double AtMs);
