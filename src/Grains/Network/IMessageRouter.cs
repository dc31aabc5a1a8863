using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Grains.Network;

/// <summary>Takes a node's message to its destination, to be taken there at <c>dueTicks</c> of emulated time.</summary>
public interface IMessageRouter
{
    void Route(NodeId to, long dueTicks, in Envelope envelope);
}
