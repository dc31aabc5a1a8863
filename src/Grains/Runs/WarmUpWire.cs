using Orleans.Serialization;
using OrleansGossip.Abstractions.Messages;

namespace OrleansGossip.Grains.Runs;

/// <summary>
/// What a warm-up run's grains would send to another silo or store, put through the silo's serializer and back. A
/// silo's warm-up runs on that silo alone, where grain calls hand their arguments over without serializing them, and
/// it stores nothing; without this, the first run after a cluster starts is the first to serialize its messages, its
/// nodes' configurations and its record, and its first emulated second waits while the runtime compiles their codecs.
/// A warm-up run puts through it the record a measured run stores, a warm-up node its configuration, and its batches,
/// as a batch from another silo would come, until the silo has put a budget of batches through (by default
/// <see cref="BatchBudget"/>).
/// </summary>
public sealed class WarmUpWire(Serializer serializer, int batchBudget = WarmUpWire.BatchBudget)
{
    /// <summary>
    /// Enough batches for the runtime to compile and then optimize their codecs; past it, putting a warm-up's batches
    /// through would only slow the warm-up down.
    /// </summary>
    public const int BatchBudget = 50_000;

    private long _roundTrips;
    private long _batches;

    /// <summary>Values put through since the silo started.</summary>
    public long RoundTrips => Interlocked.Read(ref _roundTrips);

    /// <summary>Batches put through since the silo started.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>True while a warm-up node should take its batches through <see cref="RoundTripBatch"/>.</summary>
    public bool TakesBatches => Batches < batchBudget;

    /// <summary><paramref name="value"/> as another silo, or the grain storage, would read it back.</summary>
    public T RoundTrip<T>(T value)
        where T : notnull
    {
        Interlocked.Increment(ref _roundTrips);
        return serializer.Deserialize<T>(serializer.SerializeToArray(value))!;
    }

    /// <summary>A warm-up node's batch as it would come from another silo; counted against the budget.</summary>
    public MessageBatch RoundTripBatch(MessageBatch batch)
    {
        Interlocked.Increment(ref _batches);
        return RoundTrip(batch);
    }
}
