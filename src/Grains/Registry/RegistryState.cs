using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Grains.Registry;

/// <summary>The registry's records at its latest version.</summary>
[GenerateSerializer]
public sealed class RegistryState
{
    [Id(0)] public long Version { get; set; }

    [Id(1)] public List<SubnetRecord> Subnets { get; set; } = [];

    [Id(2)] public List<NodeRecord> Nodes { get; set; } = [];

    /// <summary>The silo allow-list: fingerprints of the silos' TLS certificates, in the order they were allowed.</summary>
    [Id(3)] public List<string> AllowedSilos { get; set; } = [];

    /// <summary>True once a silo has been allowed: from then on only allowed silos may connect.</summary>
    [Id(4)] public bool SiloAllowListInForce { get; set; }
}
