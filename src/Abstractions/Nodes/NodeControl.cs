using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Abstractions.Nodes;

/// <summary>
/// Something done to a node from outside its network at an emulated time: its run's workload, a fault, a registry
/// change. A node takes it among its messages, in time order (<see cref="INodeGrain.ScheduleAsync"/>).
/// </summary>
[GenerateSerializer, Immutable]
public abstract record NodeControl
{
    /// <summary>When it happens, in emulated ticks since the run's epoch.</summary>
    [Id(0)] public long AtTicks { get; init; }

    /// <summary>Orders controls due at the same tick: the run numbers them as it makes them.</summary>
    [Id(1)] public long Sequence { get; init; }
}

/// <summary>The node joins its subnet: it takes its peers from the registry's membership and starts gossiping.</summary>
[GenerateSerializer, Immutable]
public sealed record StartNode : NodeControl;

/// <summary>An artifact the node creates (or a client submits to it).</summary>
[GenerateSerializer, Immutable]
public sealed record SubmitArtifact([property: Id(0)] Artifact Artifact) : NodeControl;

/// <summary>Cuts (<see cref="Up"/> false) or heals the node's links to <see cref="Peers"/>; a healed link sends what the peer missed.</summary>
[GenerateSerializer, Immutable]
public sealed record SetLinks([property: Id(0)] IReadOnlyList<NodeId> Peers, [property: Id(1)] bool Up) : NodeControl;

/// <summary>Sets the loss of every link of the node, or back to its configured loss when null.</summary>
[GenerateSerializer, Immutable]
public sealed record SetLoss([property: Id(0)] double? Loss) : NodeControl;

/// <summary>
/// Crashes the node: it sends nothing and drops what it receives, and its pool is lost; its ledger stays for the
/// report. Nothing happens to a node already down.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CrashNode : NodeControl;

/// <summary>Restarts a crashed node with a fresh core on its ledger: it asks its peers for what it is missing.</summary>
[GenerateSerializer, Immutable]
public sealed record RestartNode : NodeControl;

/// <summary>The registry has a new version for the node's subnet.</summary>
[GenerateSerializer, Immutable]
public sealed record ChangeMembership([property: Id(0)] SubnetMembership Membership) : NodeControl;

/// <summary>The node treats its peers as <see cref="Behaviour"/> from now on, serving bodies at <see cref="ServeFraction"/> of its bandwidth.</summary>
[GenerateSerializer, Immutable]
public sealed record ChangeBehaviour([property: Id(0)] NodeBehaviour Behaviour, [property: Id(1)] double ServeFraction) : NodeControl;
