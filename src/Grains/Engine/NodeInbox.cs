namespace OrleansGossip.Grains.Engine;

/// <summary>
/// A node's events waiting for their window, in <see cref="EventKey"/> order. Peers on the node's silo add to it from
/// their own window turns while the node takes its own; a lock keeps the two apart. Nothing a peer adds is due in the
/// window being taken, so which comes first does not change what the node takes.
/// </summary>
internal sealed class NodeInbox
{
    private readonly Lock _gate = new();
    private readonly PriorityQueue<NodeEvent, EventKey> _queue = new();

    /// <summary>The tick the earliest event is due at; <see cref="long.MaxValue"/> when there is none.</summary>
    public long NextDueTicks
    {
        get
        {
            lock (_gate)
            {
                return _queue.TryPeek(out _, out var key) ? key.DueTicks : long.MaxValue;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    public void Add(in EventKey key, in NodeEvent nodeEvent)
    {
        lock (_gate)
        {
            _queue.Enqueue(nodeEvent, key);
        }
    }

    /// <summary>Takes the earliest event when it is due before <paramref name="endTicks"/>.</summary>
    public bool TryTakeBefore(long endTicks, out EventKey key, out NodeEvent nodeEvent)
    {
        lock (_gate)
        {
            if (_queue.TryPeek(out nodeEvent, out key) && key.DueTicks < endTicks)
            {
                _queue.Dequeue();
                return true;
            }

            return false;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _queue.Clear();
        }
    }
}
