namespace OrleansGossip.Abstractions.Registry;

/// <summary>The members of a subnet at one registry version.</summary>
[GenerateSerializer, Immutable]
public sealed record SubnetMembership(SubnetId Subnet, long Version, IReadOnlyList<NodeRecord> Members)
{
    public bool Contains(NodeId node) => Members.Any(m => m.Id == node);
}
