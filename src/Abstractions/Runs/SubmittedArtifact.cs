namespace OrleansGossip.Abstractions.Runs;

/// <summary>An artifact submitted to a node of a run: its id (hex), kind (wire name), size, node and emulated time of submission.</summary>
[GenerateSerializer, Immutable]
public sealed record SubmittedArtifact(string Artifact, string Kind, int Size, long Attribute, string Subnet, string Node, double AtMs);
