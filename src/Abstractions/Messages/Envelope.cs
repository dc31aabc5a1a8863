using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Abstractions.Messages;

/// <summary>A message and the node that sent it.</summary>
[GenerateSerializer, Immutable]
public readonly record struct Envelope(NodeId From, GossipMessage Message);
