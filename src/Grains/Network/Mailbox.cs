using OrleansGossip.Abstractions.Nodes;

namespace OrleansGossip.Grains.Network;

/// <summary>
/// Where the <see cref="DeliveryScheduler"/> delivers one node grain's batches: the grain's key, the node activated
/// for it on this silo while one is attached, the grain reference once made, and the node's place among the batches
/// of the ticks being gathered. A message carries its destination's mailbox, so that neither gathering nor handing
/// over a batch looks the node up by its key.
/// </summary>
public sealed class Mailbox
{
    private ILocalNode? _local;

    internal Mailbox(string key) => Key = key;

    /// <summary>The node grain's key.</summary>
    public string Key { get; }

    /// <summary>The node activated on this silo, or null: its batches then go as grain calls.</summary>
    internal ILocalNode? Local => Volatile.Read(ref _local);

    /// <summary>The grain reference, made the first time a batch goes as a grain call; the scheduler's thread only.</summary>
    internal INodeGrain? Grain { get; set; }

    /// <summary>The gathering round <see cref="Batch"/> and <see cref="DownloadedBatch"/> belong to; the scheduler's thread only.</summary>
    internal long Round { get; set; } = -1;

    /// <summary>This round's batch of messages that have still to pass the node's downlink, or -1.</summary>
    internal int Batch { get; set; }

    /// <summary>This round's batch of messages that have passed it, or -1.</summary>
    internal int DownloadedBatch { get; set; }

    internal void Attach(ILocalNode node) => Volatile.Write(ref _local, node);

    /// <summary>Detaches <paramref name="node"/>, unless another has attached since; true when it did.</summary>
    internal bool Detach(ILocalNode node) => Interlocked.CompareExchange(ref _local, null, node) == node;
}
