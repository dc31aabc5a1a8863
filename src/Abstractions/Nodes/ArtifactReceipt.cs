using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Abstractions.Nodes;

/// <summary>
/// Whether a node has an artifact: it made it (<see cref="Created"/>) or took it from a peer, at <see cref="AtMs"/>
/// (emulated milliseconds since the run's epoch; null when it never did), whether its pool holds it now, and how many
/// bodies of it the node received.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ArtifactReceipt(NodeId Node, bool Created, double? AtMs, bool Holds, int BodiesReceived);
