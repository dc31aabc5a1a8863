namespace OrleansGossip.Gateway.Contracts;

/// <summary>A registry at its latest version: its subnets and nodes.</summary>
public sealed record RegistryView(string Registry, long Version, IReadOnlyList<SubnetView> Subnets, IReadOnlyList<NodeView> Nodes);
