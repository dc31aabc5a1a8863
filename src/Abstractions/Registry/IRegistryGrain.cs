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

    /// <summary>
    /// Creates several subnets with their first members, all in one version (a run's registry at its start): each is
    /// checked as <see cref="CreateSubnetAsync"/> checks one, and none is created unless all can be.
    /// </summary>
    Task<long> CreateSubnetsAsync(IReadOnlyList<NewSubnet> subnets);

    Task<long> AddNodeAsync(NodeRecord node);

    Task<long> RemoveNodeAsync(NodeId node);

    Task<RegistrySnapshot> GetSnapshotAsync();

    /// <summary>The subnet's members at the latest version.</summary>
    Task<SubnetMembership> GetMembershipAsync(SubnetId subnet);

    /// <summary>
    /// Adds silos, by their TLS certificates' SHA-256 fingerprints, to the silo allow-list, which is in force from then
    /// on: one new version, unless all were allowed already. Putting the list in force, name every silo of the running
    /// cluster in this one call, or the silos left out are cut off at once.
    /// </summary>
    Task<long> AllowSilosAsync(IReadOnlyList<string> fingerprints);

    /// <summary>
    /// Takes a silo off the silo allow-list: silos refuse its connections from their next refresh of the list on and
    /// close the ones it has open. A new version. Refused while the list is not in force (it would shut out no one).
    /// </summary>
    Task<long> RevokeSiloAsync(string fingerprint);

    Task<SiloAllowList> GetSiloAllowListAsync();
}
