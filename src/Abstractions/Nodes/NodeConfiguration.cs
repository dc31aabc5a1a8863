using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Scenarios;

namespace OrleansGossip.Abstractions.Nodes;

/// <summary>
/// Everything a node grain needs to take part in a run; <see cref="Consensus"/> when the node runs consensus rounds,
/// <see cref="Topology"/> for how its subnet is connected (null: a full mesh) and <see cref="BehaviourSettings"/> for the
/// parameters of its behaviour (null: the defaults). An <see cref="Ephemeral"/> node (a warm-up run's) takes its
/// batches and its configuration through the serializer, as they would come from another silo, to warm a silo up for
/// runs between silos.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record NodeConfiguration(
    string RunId,
    string RegistryId,
    NodeId Node,
    SubnetId Subnet,
    GossipProtocol Protocol,
    NodeBehaviour Behaviour,
    NetworkSettings Network,
    GossipSettings Gossip,
    RunClock Clock,
    ulong Seed,
    ConsensusSpec? Consensus = null,
    TopologySettings? Topology = null,
    BehaviourSettings? BehaviourSettings = null,
    bool Ephemeral = false);
