namespace OrleansGossip.Abstractions.Registry;

/// <summary>Every subnet and node at the registry's latest version.</summary>
[GenerateSerializer, Immutable]
public sealed record RegistrySnapshot(long Version, IReadOnlyList<SubnetRecord> Subnets, IReadOnlyList<NodeRecord> Nodes);
