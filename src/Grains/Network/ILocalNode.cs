using OrleansGossip.Abstractions.Messages;

namespace OrleansGossip.Grains.Network;

/// <summary>
/// A node grain activated on this silo, attached to the silo's <see cref="DeliveryScheduler"/>: the scheduler hands
/// it its batches directly, to be taken in the grain's own single-threaded scheduler, instead of making a grain call.
/// </summary>
public interface ILocalNode
{
    /// <summary>Queues <paramref name="batch"/> to the node; called from the scheduler's thread.</summary>
    void Deliver(MessageBatch batch);
}
