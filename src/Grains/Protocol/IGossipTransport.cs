using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Grains.Protocol;

/// <summary>Where a node's outgoing messages go: the emulated network, or a test's simulation.</summary>
public interface IGossipTransport
{
    void Send(NodeId to, GossipMessage message);
}
