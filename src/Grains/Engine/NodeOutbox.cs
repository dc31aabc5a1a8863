using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Grains.Network;

namespace OrleansGossip.Grains.Engine;

/// <summary>
/// Where a node's messages go: into the inbox of a peer activated on the same silo, or kept for a peer on another
/// silo until the window is over (<see cref="EngineNode.SendRemote"/>). Each message gets the node's place in its
/// subnet and the next of its sequence numbers, which order it at the peer.
/// </summary>
internal sealed class NodeOutbox(SiloEngine engine, EngineNode self, string registryId, int ordinal) : IMessageRouter
{
    private readonly Dictionary<NodeId, (EngineNode? Local, string Key)> _peers = [];
    private long _sequence;

    /// <summary>
    /// The end of the window the node is taking: nothing it sends may be due before it. The link's latency sees to that;
    /// this holds it against rounding.
    /// </summary>
    public long WindowEndTicks { get; set; }

    public void Route(NodeId to, long dueTicks, in Envelope envelope)
    {
        var due = Math.Max(dueTicks, WindowEndTicks);
        var timed = new TimedEnvelope(due, ordinal, ++_sequence, envelope);
        var (local, key) = PeerFor(to);
        if (local is not null)
        {
            local.Inbox.Add(timed);
        }
        else
        {
            self.SendRemote(key, timed);
        }
    }

    private (EngineNode? Local, string Key) PeerFor(NodeId node)
    {
        if (!_peers.TryGetValue(node, out var peer) || (peer.Local is null && engine.Find(peer.Key) is not null))
        {
            var key = NodeGrainKey.Format(registryId, node);
            peer = (engine.Find(key), key);
            _peers[node] = peer;
        }

        return peer;
    }
}
