using OrleansGossip.Abstractions.Messages;

namespace OrleansGossip.Grains.Network;

/// <summary>
/// The messages the <see cref="DeliveryScheduler"/> hands to one attached node at once, with the time the earliest of
/// them was due: the node counts how late it takes them from that time, which is the emulator's lag whether the
/// scheduler fired late or the node's turn waited for a thread. A list of its own type, reused from batch to batch,
/// so that the due time travels with the list and costs no object per batch.
/// </summary>
public sealed class DeliveryBatch(int capacity) : List<Envelope>(capacity)
{
    /// <summary>The wall time (of the emulator's clock) the earliest message of the batch was due.</summary>
    public DateTimeOffset Due { get; internal set; }

    /// <summary>
    /// The batch as a grain call's argument: a copy, since a call may be forwarded to another silo and this list is
    /// the scheduler's, reused once given back (<see cref="DeliveryScheduler.Recycle"/>).
    /// </summary>
    public MessageBatch ToMessage(bool downloaded) => new(ToArray(), downloaded, Due);
}
