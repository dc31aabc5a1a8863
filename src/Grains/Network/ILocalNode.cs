namespace OrleansGossip.Grains.Network;

/// <summary>
/// A node grain activated on this silo, attached to the silo's <see cref="DeliveryScheduler"/>: the scheduler hands
/// it its batches directly, to be taken in the grain's own single-threaded scheduler, instead of making a grain call.
/// </summary>
public interface ILocalNode
{
    /// <summary>
    /// Queues a batch to the node; called from the scheduler's thread. The batch is the scheduler's: the node gives it
    /// back with <see cref="DeliveryScheduler.Recycle"/> once taken. <paramref name="downloaded"/>: the messages have
    /// passed the node's downlink already.
    /// </summary>
    void Deliver(DeliveryBatch batch, bool downloaded);
}
