using System.Globalization;
using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Grains.Protocol;

namespace OrleansGossip.Benchmarks.Micro;

/// <summary>
/// Protocol cores of one full-mesh subnet and nothing else: what a node sends goes into one queue and is handed on at
/// once, first in first out, with the clock standing still. No network model, no scheduler, no Orleans: what a
/// delivery costs here is what the protocol itself costs.
/// </summary>
public sealed class Mesh
{
    /// <summary>Emulated time zero, and the only time there is.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Queue<(NodeId From, int To, GossipMessage Message)> _inFlight = new();
    private readonly Dictionary<NodeId, int> _indexOf = [];
    private readonly GossipNode[] _nodes;

    public Mesh(int nodes, GossipProtocol protocol, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodes, 2);
        var ids = new NodeId[nodes];
        for (var i = 0; i < nodes; i++)
        {
            ids[i] = new NodeId(string.Create(CultureInfo.InvariantCulture, $"node-{i:D2}"));
            _indexOf[ids[i]] = i;
        }

        _nodes = new GossipNode[nodes];
        for (var i = 0; i < nodes; i++)
        {
            var context = new GossipNodeContext(
                ids[i],
                NodeBehaviour.Honest,
                new GossipSettings(),
                StillClock.Instance,
                new Random(seed + i),
                Epoch,
                new QueueTransport(this, ids[i]),
                IGossipObserver.None);
            _nodes[i] = GossipNode.Create(protocol, context);
        }

        foreach (var node in _nodes)
        {
            node.SetPeers(ids);
        }
    }

    /// <summary>Artifacts that reached a node other than the one that made them.</summary>
    public long Deliveries => _nodes.Sum(n => (long)n.Ledger.Deliveries.Count);

    /// <summary>Makes <paramref name="artifact"/> at node <paramref name="node"/>.</summary>
    public void Submit(int node, Artifact artifact) => _nodes[node].Submit(artifact);

    /// <summary>Hands on every message in flight, and what they cause, until nothing moves; then lets each node tick once.</summary>
    public void Drain()
    {
        do
        {
            while (_inFlight.TryDequeue(out var sent))
            {
                _nodes[sent.To].Receive(sent.From, sent.Message);
            }

            foreach (var node in _nodes)
            {
                node.Tick();
            }
        }
        while (_inFlight.Count > 0);
    }

    private sealed class QueueTransport(Mesh mesh, NodeId self) : IGossipTransport
    {
        public void Send(NodeId to, GossipMessage message) => mesh._inFlight.Enqueue((self, mesh._indexOf[to], message));
    }

    private sealed class StillClock : TimeProvider
    {
        public static readonly StillClock Instance = new();

        public override DateTimeOffset GetUtcNow() => Epoch;
    }
}
