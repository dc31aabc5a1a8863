namespace OrleansGossip.Gateway.Contracts;

/// <summary>A subnet: the version that created it and its members' ids.</summary>
public sealed record SubnetView(string Id, long CreatedAtVersion, IReadOnlyList<string> Nodes);
