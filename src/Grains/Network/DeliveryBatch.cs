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

    /// <summary>The wall time (of the emulator's clock) the earliest message of the batch was due.</summary>
    public DateTimeOffset Due => _dues.Count == 0 ? default : new DateTimeOffset(_dues[0].DueTicks, TimeSpan.Zero);

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
    /// The batch as a grain call's argument: a copy, since a call may be forwarded to another silo and this list is
    /// the scheduler's, reused once given back (<see cref="DeliveryScheduler.Recycle"/>). It carries the earliest due
    /// time only, so its receiver counts every message as late as the earliest.
    /// </summary>
    public MessageBatch ToMessage(bool downloaded) => new(ToArray(), downloaded, Due);
}

/// <summary><see cref="Count"/> messages of a batch, due at <see cref="DueTicks"/> (wall ticks of the emulator's clock).</summary>
public readonly record struct DueRun(long DueTicks, int Count);
