using OrleansGossip.Abstractions.Messages;

namespace OrleansGossip.Grains.Engine;

/// <summary>
/// A node's events waiting for their window, kept per due tick: a node takes a tick's events together, in
/// <see cref="EventKey"/> order (sender, then sequence), once every event due before it is taken. Peers on the node's
/// silo add to it from their own window turns while the node takes its own; a lock keeps the two apart. Nothing a peer
/// adds is due in the window being taken, so which comes first does not change what the node takes.
/// </summary>
internal sealed class NodeInbox
{
    /// <summary>At most this many emptied tick lists wait to be reused.</summary>
    private const int MaxSpareLists = 64;

    private readonly Lock _gate = new();
    private readonly Dictionary<long, List<Entry>> _byTick = [];
    private readonly PriorityQueue<long, long> _ticks = new();
    private readonly Stack<List<Entry>> _spare = new();

    /// <summary>The tick the earliest event is due at; <see cref="long.MaxValue"/> when there is none.</summary>
    public long NextDueTicks
    {
        get
        {
            lock (_gate)
            {
                return _ticks.TryPeek(out var tick, out _) ? tick : long.MaxValue;
            }
        }
    }

    public void Add(in EventKey key, in NodeEvent nodeEvent)
    {
        lock (_gate)
        {
            AddLocked(new Entry(key, nodeEvent));
        }
    }

    /// <summary>Adds a message from a peer, keyed by its due tick, its sender's place and the sender's sequence.</summary>
    public void Add(in TimedEnvelope envelope) =>
        Add(new EventKey(envelope.DueTicks, envelope.Sender, envelope.Sequence), new NodeEvent(envelope.Envelope, envelope.Downloaded, null));

    /// <summary>
    /// Takes every event due at the earliest tick when that is before <paramref name="endTicks"/>, in order; give the
    /// list back with <see cref="Recycle"/> once taken.
    /// </summary>
    public bool TryTakeTickBefore(long endTicks, out List<Entry> events)
    {
        lock (_gate)
        {
            if (!_ticks.TryPeek(out var tick, out _) || tick >= endTicks)
            {
                events = null!;
                return false;
            }

            _ticks.Dequeue();
            _byTick.Remove(tick, out events!);
        }

        events.Sort(static (a, b) => a.Key.CompareTo(b.Key));
        return true;
    }

    /// <summary>Takes back a list <see cref="TryTakeTickBefore"/> gave out; the caller must not touch it after.</summary>
    public void Recycle(List<Entry> events)
    {
        events.Clear();
        lock (_gate)
        {
            if (_spare.Count < MaxSpareLists)
            {
                _spare.Push(events);
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _byTick.Clear();
            _ticks.Clear();
        }
    }

    private void AddLocked(in Entry entry)
    {
        if (!_byTick.TryGetValue(entry.Key.DueTicks, out var events))
        {
            events = _spare.TryPop(out var spare) ? spare : [];
            _byTick[entry.Key.DueTicks] = events;
            _ticks.Enqueue(entry.Key.DueTicks, entry.Key.DueTicks);
        }

        events.Add(entry);
    }

    /// <summary>An event with its key.</summary>
    internal readonly record struct Entry(EventKey Key, NodeEvent Event);
}
