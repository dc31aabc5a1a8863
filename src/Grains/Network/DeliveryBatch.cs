using OrleansGossip.Abstractions.Messages;

namespace OrleansGossip.Grains.Network;

/// <summary>
/// The messages the <see cref="DeliveryScheduler"/> hands to one attached node at once, with the time each was due:
/// the node counts how late it takes each message from that time, which is the emulator's lag whether the scheduler
/// fired late or the node's turn waited for a thread. A batch gathered after the scheduler fell behind (a collection
/// paused it) holds messages of several ticks, so the due times are kept as runs of messages per tick, in tick order:
/// one run in the usual batch. A list of its own type, reused from batch to batch, so that the due times travel with
/// the list and cost no object per batch.
/// </summary>
public sealed class DeliveryBatch(int capacity) : List<Envelope>(capacity)
{
    private readonly List<DueRun> _dues = new(1);

    /// <summary>The batch's messages per tick: when they were due (wall ticks of the emulator's clock) and how many.</summary>
    public IReadOnlyList<DueRun> Dues => _dues;

    /// <summary>Adds a message due at <paramref name="dueTicks"/>, no earlier than the messages added before it.</summary>
    public void Add(Envelope envelope, long dueTicks)
    {
        Add(envelope);
        if (_dues.Count > 0 && _dues[^1].DueTicks == dueTicks)
        {
            _dues[^1] = _dues[^1] with { Count = _dues[^1].Count + 1 };
        }
        else
        {
            _dues.Add(new DueRun(dueTicks, 1));
        }
    }

    /// <summary>Empties the batch for reuse.</summary>
    public void Reset()
    {
        Clear();
        _dues.Clear();
    }

    /// <summary>
    /// The batch as a grain call's argument, with its due times: a copy, since a call may be forwarded to another silo
    /// and this list is the scheduler's, reused once given back (<see cref="DeliveryScheduler.Recycle"/>).
    /// </summary>
    public MessageBatch ToMessage(bool downloaded) => new(ToArray(), downloaded, _dues.ToArray());
}
