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

    /// <summary>Cuts or heals the links from this node to each of <paramref name="peers"/>; a healed link sends what the peer missed.</summary>
    Task SetLinksAsync(IReadOnlyList<NodeId> peers, bool up);

    /// <summary>Sets the loss of every link of this node to <paramref name="loss"/>, or back to its configured loss when null.</summary>
    Task SetLossAsync(double? loss);

    /// <summary>
    /// Crashes the node: from now on it sends nothing and drops whatever it receives, and its in-memory pool is lost.
    /// Its ledger (what it made and got so far) survives for the report. Does nothing to a node already down.
    /// </summary>
    Task CrashAsync();

    /// <summary>
    /// Restarts a crashed node with a fresh protocol core and the same ledger: it reads its subnet from the registry
    /// again and asks its peers to advert what it is missing. Does nothing to a node that is up.
    /// </summary>
    Task RestartAsync();

    /// <summary>
    /// The node's run is over: from now on it makes, takes and sends nothing, and its timers stop, so that a finished
    /// run leaves no work behind (consensus would go on making blocks). Its log, pool and status stay to be asked.
    /// </summary>
    Task EndAsync();

    Task<NodeStatus> GetStatusAsync();

    /// <summary>True when this node holds the artifact in its validated pool.</summary>
    Task<bool> HasArtifactAsync(ArtifactId artifact);

    /// <summary>
    /// The deliveries and counters this node recorded in its run. A node of a large run may still be working through
    /// the messages of a drain that ran late when its run asks for this, so the answer may take minutes.
    /// </summary>
    [ResponseTimeout("00:05:00")]
    Task<NodeRunLog> GetRunLogAsync();

    /// <summary>Whether and when this node made or got <paramref name="artifact"/>, and whether it holds it now.</summary>
    Task<ArtifactReceipt> GetReceiptAsync(ArtifactId artifact);

    /// <summary>
    /// Changes how the node treats its peers from now on: <see cref="NodeBehaviour.Honest"/>, <see cref="NodeBehaviour.Withhold"/>,
    /// <see cref="NodeBehaviour.Corrupt"/> or <see cref="NodeBehaviour.Slow"/> (serving at <paramref name="serveFraction"/>
    /// of its bandwidth). Other behaviours are given at the start of a run only.
    /// </summary>
    Task SetBehaviourAsync(NodeBehaviour behaviour, double serveFraction);
}
