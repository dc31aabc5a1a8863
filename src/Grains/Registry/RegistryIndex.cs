using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Grains.Registry;

/// <summary>
/// Lookups into one version of the registry's records (node by id, subnet by id, a subnet's members in the
/// registry's order), so that a mutation's checks do not scan every node: with many subnets those scans made
/// building a registry quadratic. Built from the records, then kept in step by the mutations the grain commits.
/// </summary>
internal sealed class RegistryIndex
{
    private readonly Dictionary<NodeId, NodeRecord> _nodes = [];
    private readonly Dictionary<SubnetId, SubnetRecord> _subnets = [];
    private readonly Dictionary<SubnetId, List<NodeRecord>> _members = [];

    private RegistryIndex(long version) => Version = version;

    /// <summary>The registry version the index describes.</summary>
    public long Version { get; set; }

    public static RegistryIndex Of(RegistryState records)
    {
        var index = new RegistryIndex(records.Version);
        foreach (var subnet in records.Subnets)
        {
            index._subnets[subnet.Id] = subnet;
        }

        foreach (var node in records.Nodes)
        {
            index.Add(node);
        }

        return index;
    }

    public NodeRecord? FindNode(NodeId node) => _nodes.GetValueOrDefault(node);

    public SubnetRecord? FindSubnet(SubnetId subnet) => _subnets.GetValueOrDefault(subnet);

    public IReadOnlyList<NodeRecord> MembersOf(SubnetId subnet) => _members.TryGetValue(subnet, out var members) ? members : [];

    public void AddSubnet(SubnetRecord subnet) => _subnets[subnet.Id] = subnet;

    public void Add(NodeRecord node)
    {
        _nodes[node.Id] = node;
        if (!_members.TryGetValue(node.Subnet, out var members))
        {
            members = [];
            _members[node.Subnet] = members;
        }

        members.Add(node);
    }

    public void Remove(NodeId node)
    {
        if (_nodes.Remove(node, out var record) && _members.TryGetValue(record.Subnet, out var members))
        {
            members.RemoveAll(n => n.Id == node);
        }
    }
}
