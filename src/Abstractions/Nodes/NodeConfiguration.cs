using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Scenarios;

namespace OrleansGossip.Abstractions.Nodes;

/// <summary>
/// Everything a node grain needs to take part in a run; <see cref="Consensus"/> when the node runs consensus rounds,
/// <see cref="Topology"/> for how its subnet is connected (null: a full mesh) and <see cref="BehaviourSettings"/> for the
/// parameters of its behaviour (null: the defaults). <see cref="Ordinal"/> is the node's place in its subnet, which
/// orders the messages due at one instant by their sender.
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
    int Ordinal = 0);
