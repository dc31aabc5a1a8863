namespace OrleansGossip.Gateway.Contracts;

/// <summary>A subnet's members at a registry version.</summary>
public sealed record MembershipView(string Registry, string Subnet, long Version, IReadOnlyList<NodeView> Nodes);
