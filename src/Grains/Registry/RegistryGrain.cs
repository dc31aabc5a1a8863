using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Security;

namespace OrleansGossip.Grains.Registry;

/// <summary>
/// The emulated NNS registry. Mutations are checked first and applied whole or not at all; each accepted one is
/// a new version, stored, and announced to the members (old and new) of the subnet it touched.
/// </summary>
public sealed class RegistryGrain(
    [PersistentState("registry", RegistryGrain.StorageName)] IPersistentState<RegistryState> state) : Grain, IRegistryGrain
{
    public const string StorageName = Hosting.EmulatorStorage.Registry;

    private RegistryIndex? _index;

    private RegistryState Records => state.State;

    /// <summary>The lookups for the current version: kept in step by each commit, rebuilt when they fell behind.</summary>
    private RegistryIndex Index => _index is { } index && index.Version == Records.Version ? index : _index = RegistryIndex.Of(Records);

    public Task<long> CreateSubnetAsync(SubnetId subnet, IReadOnlyList<NodeRecord> nodes) => CreateSubnetsAsync([new NewSubnet(subnet, nodes)]);

    public async Task<long> CreateSubnetsAsync(IReadOnlyList<NewSubnet> subnets)
    {
        if (subnets.Count == 0)
        {
            throw new RegistryException("no subnet to create");
        }

        var names = new HashSet<SubnetId>();
        var ids = new HashSet<NodeId>();
        foreach (var (subnet, nodes) in subnets)
        {
            RequireName(subnet.Value, "subnet id");
            if (FindSubnet(subnet) is not null)
            {
                throw new RegistryException($"subnet '{subnet}' exists already");
            }

            if (!names.Add(subnet))
            {
                throw new RegistryException($"subnet '{subnet}' is listed twice");
            }

            foreach (var node in nodes)
            {
                CheckNewNode(node);
                if (node.Subnet != subnet)
                {
                    throw new RegistryException($"node '{node.Id}' names subnet '{node.Subnet}', not the subnet being created, '{subnet}'");
                }

                if (!ids.Add(node.Id))
                {
                    throw new RegistryException($"node '{node.Id}' is listed twice");
                }
            }
        }

        var created = subnets.Select(s => new SubnetRecord(s.Id, Records.Version + 1)).ToList();
        return await CommitAsync(
            records =>
            {
                records.Subnets.AddRange(created);
                foreach (var subnet in subnets)
                {
                    records.Nodes.AddRange(subnet.Nodes);
                }
            },
            index =>
            {
                foreach (var record in created)
                {
                    index.AddSubnet(record);
                }

                foreach (var node in subnets.SelectMany(s => s.Nodes))
                {
                    index.Add(node);
                }
            });
    }

    public async Task<long> AddNodeAsync(NodeRecord node)
    {
        CheckNewNode(node);
        if (FindSubnet(node.Subnet) is null)
        {
            throw new RegistryException($"subnet '{node.Subnet}' does not exist");
        }

        return await CommitAsync(records => records.Nodes.Add(node), index => index.Add(node));
    }

    public async Task<long> RemoveNodeAsync(NodeId node)
    {
        RequireName(node.Value, "node id");
        var record = FindNode(node) ?? throw new RegistryException($"node '{node}' is not in the registry");
        return await CommitAsync(records => records.Nodes.RemoveAll(n => n.Id == node), index => index.Remove(node));
    }

    public Task<RegistrySnapshot> GetSnapshotAsync() =>
        Task.FromResult(new RegistrySnapshot(Records.Version, Records.Subnets.ToList(), Records.Nodes.ToList()));

    public Task<SubnetMembership> GetMembershipAsync(SubnetId subnet)
    {
        if (FindSubnet(subnet) is null)
        {
            throw new RegistryException($"subnet '{subnet}' does not exist");
        }

        return Task.FromResult(MembershipOf(subnet));
    }

    public async Task<long> AllowSilosAsync(IReadOnlyList<string> fingerprints)
    {
        if (fingerprints is null || fingerprints.Count == 0)
        {
            throw new RegistryException("name at least one silo to allow");
        }

        var silos = fingerprints.Select(SiloFingerprint).Distinct().Where(s => !Records.AllowedSilos.Contains(s)).ToList();
        if (Records.SiloAllowListInForce && silos.Count == 0)
        {
            return Records.Version;
        }

        return await StoreAsync(records =>
        {
            records.AllowedSilos.AddRange(silos);
            records.SiloAllowListInForce = true;
        });
    }

    public async Task<long> RevokeSiloAsync(string fingerprint)
    {
        var silo = SiloFingerprint(fingerprint);
        if (!Records.SiloAllowListInForce)
        {
            throw new RegistryException("the silo allow-list is not in force: allow the cluster's silos first, or revoking one would shut out no one");
        }

        if (!Records.AllowedSilos.Contains(silo))
        {
            throw new RegistryException($"silo '{silo}' is not on the silo allow-list");
        }

        return await StoreAsync(records => records.AllowedSilos.Remove(silo));
    }

    public Task<SiloAllowList> GetSiloAllowListAsync() =>
        Task.FromResult(new SiloAllowList(Records.Version, Records.SiloAllowListInForce, Records.AllowedSilos.ToList()));

    private static string SiloFingerprint(string fingerprint) =>
        CertificateFingerprint.TryNormalize(fingerprint, out var silo)
            ? silo
            : throw new RegistryException($"silo '{fingerprint}' is not a SHA-256 certificate fingerprint ({CertificateFingerprint.Length} hex digits)");

    private SubnetMembership MembershipOf(SubnetId subnet) => new(subnet, Records.Version, Index.MembersOf(subnet).ToList());

    private void CheckNewNode(NodeRecord node)
    {
        RequireName(node.Id.Value, "node id");
        RequireName(node.Subnet.Value, "subnet id");
        if (node.Id.Value.Contains('/'))
        {
            throw new RegistryException($"node id '{node.Id}' must not contain '/'");
        }

        if (FindNode(node.Id) is { } existing)
        {
            throw new RegistryException($"node '{node.Id}' is already in subnet '{existing.Subnet}'");
        }
    }

    /// <summary>
    /// Stores the mutation as the next version. The registry tells no node: a run announces a change to its nodes at
    /// the emulated time it makes it, as a control they take in order with their messages.
    /// </summary>
    private async Task<long> CommitAsync(Action<RegistryState> mutate, Action<RegistryIndex> reindex)
    {
        var index = Index;
        var version = await StoreAsync(mutate);
        if (index.Version == version - 1)
        {
            reindex(index);
            index.Version = version;
        }

        return version;
    }

    /// <summary>Applies a mutation to a copy and stores it as the next version; on a failed write nothing changes.</summary>
    private async Task<long> StoreAsync(Action<RegistryState> mutate)
    {
        var before = Records;
        var next = new RegistryState
        {
            Version = before.Version + 1,
            Subnets = [.. before.Subnets],
            Nodes = [.. before.Nodes],
            AllowedSilos = [.. before.AllowedSilos],
            SiloAllowListInForce = before.SiloAllowListInForce,
        };
        mutate(next);
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = before;
            throw;
        }

        return next.Version;
    }

    private SubnetRecord? FindSubnet(SubnetId subnet) => Index.FindSubnet(subnet);

    private NodeRecord? FindNode(NodeId node) => Index.FindNode(node);

    private static void RequireName(string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new RegistryException($"the {what} must not be empty");
        }
    }
}
