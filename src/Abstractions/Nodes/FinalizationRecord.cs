using OrleansGossip.Abstractions.Artifacts;

namespace OrleansGossip.Abstractions.Nodes;

/// <summary>When (emulated milliseconds since the run's epoch) a node saw a height finalized, and which block.</summary>
[GenerateSerializer, Immutable]
public readonly record struct FinalizationRecord(long Height, ArtifactId Block, double AtMs);
