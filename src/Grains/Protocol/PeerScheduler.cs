using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Grains.Protocol.Tables;

namespace OrleansGossip.Grains.Protocol;

/// <summary>
/// A queue per peer per fetchable priority class, and the downloads in flight from each peer. Higher classes are
/// served first; peers are visited in turn so that no peer starves the others.
/// </summary>
public sealed class PeerScheduler
{
    private static readonly int FetchableClasses = (int)Priority.Fetch + 1;

    private readonly Dictionary<NodeId, PeerQueues> _peers = [];
    private readonly List<PeerQueues> _rotation = [];
    private int _cursor;
    private int _queued;

    public int InFlight(NodeId peer) => _peers.TryGetValue(peer, out var queues) ? queues.InFlight : 0;

    public int Queued(Priority priority) => _peers.Values.Sum(q => q.ByClass[(int)priority].Count);

    public void Enqueue(NodeId peer, ArtifactId id, Priority priority)
    {
        if (priority > Priority.Fetch)
        {
            throw new ArgumentOutOfRangeException(nameof(priority), priority, "only fetchable classes are queued");
        }

        Queues(peer).ByClass[(int)priority].Enqueue(id);
        _queued++;
    }

    public void StartedDownload(NodeId peer) => Queues(peer).InFlight++;

    public void FinishedDownload(NodeId peer)
    {
        if (_peers.TryGetValue(peer, out var queues) && queues.InFlight > 0)
        {
            queues.InFlight--;
        }
    }

    public void RemovePeer(NodeId peer)
    {
        if (_peers.Remove(peer, out var queues))
        {
            _rotation.Remove(queues);
            _queued -= queues.Count;
        }
    }

    /// <summary>
    /// Takes the next queued download for peers with room (fewer than <paramref name="maxInFlight"/> in flight),
    /// highest class first, one peer after another. <paramref name="start"/> says whether the id still needs a
    /// download from that peer; it is dropped from the queue either way.
    /// </summary>
    public void Dispatch(int maxInFlight, Func<NodeId, ArtifactId, Priority, bool> start)
    {
        var peers = _rotation.Count;
        for (var visited = 0; visited < peers && _queued > 0; visited++)
        {
            _cursor = (_cursor + 1) % peers;
            var queues = _rotation[_cursor];
            while (queues.InFlight < maxInFlight && queues.TryDequeue(out var id, out var priority))
            {
                _queued--;
                if (start(queues.Peer, id, priority))
                {
                    queues.InFlight++;
                }
            }
        }
    }

    private PeerQueues Queues(NodeId peer)
    {
        if (!_peers.TryGetValue(peer, out var queues))
        {
            queues = new PeerQueues(peer);
            _peers[peer] = queues;
            _rotation.Add(queues);
        }

        return queues;
    }

    private sealed class PeerQueues(NodeId peer)
    {
        public NodeId Peer { get; } = peer;

        public ArtifactQueue[] ByClass { get; } = Enumerable.Range(0, FetchableClasses).Select(_ => new ArtifactQueue()).ToArray();

        public int InFlight { get; set; }

        public int Count => ByClass.Sum(q => q.Count);

        public bool TryDequeue(out ArtifactId id, out Priority priority)
        {
            for (var c = 0; c < ByClass.Length; c++)
            {
                if (ByClass[c].TryDequeue(out id))
                {
                    priority = (Priority)c;
                    return true;
                }
            }

            id = default;
            priority = Priority.Drop;
            return false;
        }
    }
}
