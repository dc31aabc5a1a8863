namespace OrleansGossip.Abstractions.Registry;

/// <summary>
/// The emulated NNS registry: versioned records of subnets and nodes. Every accepted mutation yields a new
/// version; a refused one throws <see cref="RegistryException"/> and changes nothing. Keyed by the name of the
/// emulated Internet Computer (one per run).
/// </summary>
public interface IRegistryGrain : IGrainWithStringKey
{
    /// <summary>Creates a subnet with its first members, in one version.</summary>
    Task<long> CreateSubnetAsync(SubnetId subnet, IReadOnlyList<NodeRecord> nodes);

    Task<long> AddNodeAsync(NodeRecord node);

    Task<long> RemoveNodeAsync(NodeId node);

    Task<RegistrySnapshot> GetSnapshotAsync();

    /// <summary>The subnet's members at the latest version.</summary>
    Task<SubnetMembership> GetMembershipAsync(SubnetId subnet);
}
