using Orleans.Concurrency;
using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Abstractions.Nodes;

/// <summary>
/// An emulated replica: it owns an artifact pool and a peer set and disseminates artifacts by the run's
/// protocol. Keyed by <see cref="NodeGrainKey"/>.
/// </summary>
public interface INodeGrain : IGrainWithStringKey
{
    /// <summary>Joins a run: reads the node's subnet from the registry and starts the protocol.</summary>
    Task ConfigureAsync(NodeConfiguration configuration);

    /// <summary>Messages from a peer, arriving off the emulated network.</summary>
    [OneWay]
    Task ReceiveAsync(MessageBatch batch);

    /// <summary>An artifact this node creates (or that a client submits to it).</summary>
    [OneWay]
    Task SubmitAsync(Artifact artifact);

    /// <summary>The registry has a new version for this node's subnet.</summary>
    [OneWay]
    Task OnRegistryChangedAsync(SubnetMembership membership);

    /// <summary>Cuts (<paramref name="up"/> false) or heals the link from this node to <paramref name="peer"/>.</summary>
    Task SetLinkAsync(NodeId peer, bool up);

    Task<NodeStatus> GetStatusAsync();

    /// <summary>True when this node holds the artifact in its validated pool.</summary>
    Task<bool> HasArtifactAsync(ArtifactId artifact);

    /// <summary>The deliveries and counters this node recorded in its run.</summary>
    Task<NodeRunLog> GetRunLogAsync();
}
