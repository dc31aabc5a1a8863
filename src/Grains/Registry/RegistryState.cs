using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Grains.Registry;

/// <summary>The registry's records at its latest version.</summary>
[GenerateSerializer]
public sealed class RegistryState
{
    [Id(0)] public long Version { get; set; }

    [Id(1)] public List<SubnetRecord> Subnets { get; set; } = [];

    [Id(2)] public List<NodeRecord> Nodes { get; set; } = [];
}
