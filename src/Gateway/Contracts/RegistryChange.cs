namespace OrleansGossip.Gateway.Contracts;

/// <summary>What a registry change made: the new version, and the subnet and nodes it touched.</summary>
public sealed record RegistryChange(string Registry, long Version, string Subnet, IReadOnlyList<string> Nodes);
