using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Grains.Protocol;

/// <summary>Where a node's outgoing messages go: the emulated network, or a test's simulation.</summary>
public interface IGossipTransport
{
    void Send(NodeId to, GossipMessage message);

    /// <summary>
    /// Sends and says whether the message went out: false when the link is cut or dropped it, which a
    /// connection-oriented protocol notices and retries. By default every send is taken as sent.
    /// </summary>
    bool TrySend(NodeId to, GossipMessage message)
    {
        Send(to, message);
        return true;
    }
}
