using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Grains.Runs;

/// <summary>An artifact the workload makes at a node at an emulated time.</summary>
public sealed record PlannedArtifact(double AtMs, int Subnet, NodeId Node, Artifact Artifact);
