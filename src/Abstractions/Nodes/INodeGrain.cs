using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;

namespace OrleansGossip.Abstractions.Nodes;

/// <summary>
/// An emulated replica: it owns an artifact pool and a peer set and disseminates artifacts by the run's protocol.
/// Keyed by <see cref="NodeGrainKey"/>. It takes its messages and controls in emulated-time order, a window at a
/// time, when its silo's engine says so; what it is told between windows lands in a later one.
/// </summary>
public interface INodeGrain : IGrainWithStringKey
{
    /// <summary>
    /// Joins a run: reads the node's subnet from the registry, builds its core, and waits for its
    /// <see cref="StartNode"/> control. Answers the address of the silo it runs on, whose engine drives it.
    /// </summary>
    Task<string> ConfigureAsync(NodeConfiguration configuration);

    /// <summary>Messages from peers on other silos, sent in a window and due in a later one.</summary>
    Task ReceiveAsync(IReadOnlyList<TimedEnvelope> envelopes);

    /// <summary>Controls (workload, faults, registry changes) for the node to take at their emulated times.</summary>
    Task ScheduleAsync(IReadOnlyList<NodeControl> controls);

    /// <summary>
    /// The node's run is over: from now on it makes, takes and sends nothing, so that a finished run leaves no work
    /// behind. Its log, pool and status stay to be asked.
    /// </summary>
    Task EndAsync();

    /// <summary>The address of the silo the node runs on, activating it there (resumed, if its run goes on) when it was not.</summary>
    Task<string> GetSiloAsync();

    Task<NodeStatus> GetStatusAsync();

    /// <summary>True when this node holds the artifact in its validated pool.</summary>
    Task<bool> HasArtifactAsync(ArtifactId artifact);

    /// <summary>The deliveries and counters this node recorded in its run.</summary>
    Task<NodeRunLog> GetRunLogAsync();

    /// <summary>Whether and when this node made or got <paramref name="artifact"/>, and whether it holds it now.</summary>
    Task<ArtifactReceipt> GetReceiptAsync(ArtifactId artifact);
}
