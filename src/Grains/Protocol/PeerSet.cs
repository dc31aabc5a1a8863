using System.Collections;
using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Grains.Protocol;

/// <summary>
/// A read-only view of a node's peers whose <c>foreach</c> allocates nothing: the hot path walks the peers for
/// every advert, where an interface's boxed enumerator would cost an allocation each time.
/// </summary>
public readonly struct PeerSet(HashSet<NodeId> peers) : IReadOnlyCollection<NodeId>
{
    public int Count => peers.Count;

    public bool Contains(NodeId peer) => peers.Contains(peer);

    public HashSet<NodeId>.Enumerator GetEnumerator() => peers.GetEnumerator();

    IEnumerator<NodeId> IEnumerable<NodeId>.GetEnumerator() => peers.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => peers.GetEnumerator();
}
