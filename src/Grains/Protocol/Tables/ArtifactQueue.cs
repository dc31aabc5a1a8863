using OrleansGossip.Abstractions.Artifacts;

namespace OrleansGossip.Grains.Protocol.Tables;

/// <summary>
/// A first-in, first-out queue of artifacts (a pool section's eviction order, a peer's queued downloads), whose ring
/// lives out of the collector's way (<see cref="RunLongBuffer{T}"/>): such queues grow with a node's backlog and
/// were, by count, most of what young collections promoted.
/// </summary>
public sealed class ArtifactQueue
{
    private const int FirstCapacity = 8;

    /// <summary>Made at the first item: most of a node's queues never hold one.</summary>
    private RunLongBuffer<ArtifactId>? _ring;
    private int _head;
    private int _count;

    public int Count => _count;

    public void Enqueue(ArtifactId artifact)
    {
        if (_ring is null || _count == _ring.Length)
        {
            Grow();
        }

        _ring!.Span[(_head + _count) % _ring.Length] = artifact;
        _count++;
    }

    public bool TryDequeue(out ArtifactId artifact)
    {
        if (_count == 0)
        {
            artifact = default;
            return false;
        }

        artifact = _ring!.Span[_head];
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
            yield return _ring!.Span[(_head + i) % _ring.Length];
        }
    }

    private void Grow()
    {
        if (_ring is null)
        {
            _ring = new RunLongBuffer<ArtifactId>(FirstCapacity);
            return;
        }

        // The ring is full: the items from the head to the end come first, then those before the head. Growing keeps
        // the buffer's start, so the items before the head move to just past the old end, and a queue whose head is at
        // the start moves nothing.
        var length = _ring.Length;
        _ring.Grow(length * 2);
        var ring = _ring.Span;
        ring[.._head].CopyTo(ring[length..]);
    }
}
