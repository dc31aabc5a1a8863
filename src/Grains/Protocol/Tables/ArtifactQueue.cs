using OrleansGossip.Abstractions.Artifacts;

namespace OrleansGossip.Grains.Protocol.Tables;

/// <summary>
/// A first-in, first-out queue of artifacts (a pool section's eviction order, a peer's queued downloads), whose ring
/// lives out of the young collections' way (<see cref="RunLongArray"/>): such queues grow with a node's backlog and
/// were, by count, most of what young collections promoted.
/// </summary>
public sealed class ArtifactQueue
{
    private const int FirstCapacity = 8;

    private ArtifactId[] _ring = [];
    private int _head;
    private int _count;

    public int Count => _count;

    public void Enqueue(ArtifactId artifact)
    {
        if (_count == _ring.Length)
        {
            Grow();
        }

        _ring[(_head + _count) % _ring.Length] = artifact;
        _count++;
    }

    public bool TryDequeue(out ArtifactId artifact)
    {
        if (_count == 0)
        {
            artifact = default;
            return false;
        }

        artifact = _ring[_head];
        _head = (_head + 1) % _ring.Length;
        _count--;
        return true;
    }

    public ArtifactId Dequeue() => TryDequeue(out var artifact) ? artifact : throw new InvalidOperationException("The queue is empty.");

    /// <summary>Walks the queue from its head; the queue must not change meanwhile.</summary>
    public IEnumerable<ArtifactId> InOrder()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return _ring[(_head + i) % _ring.Length];
        }
    }

    private void Grow()
    {
        var grown = RunLongArray.Allocate<ArtifactId>(Math.Max(FirstCapacity, _ring.Length * 2));
        for (var i = 0; i < _count; i++)
        {
            grown[i] = _ring[(_head + i) % _ring.Length];
        }

        _ring = grown;
        _head = 0;
    }
}
