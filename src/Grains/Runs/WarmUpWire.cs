using System.Collections.Concurrent;
using Orleans.Runtime.Placement;
using Orleans.Serialization;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Nodes;

namespace OrleansGossip.Grains.Runs;

/// <summary>
/// What a warm-up run's grains would send to another silo or store, put through the silo's serializer and back. A
/// silo's warm-up runs on that silo alone, where grain calls hand their arguments over without serializing them, and
/// it stores nothing; without this, the first run after a cluster starts is the first to serialize its messages, its
/// nodes' configurations and its record, and its first emulated second waits while the runtime compiles their codecs.
/// A warm-up run puts through it the record a measured run stores, a warm-up node its configuration, and its batches,
/// as a batch from another silo would come, until the silo has put a budget of batches through (by default
/// <see cref="BatchBudget"/>). What Orleans itself does with a message to another silo (the buffers it writes to, the
/// grain call's own code at both ends) only a call to another silo reaches: <see cref="SendAcross"/> makes such calls
/// with a batch of each kind of message the warm-up put through.
/// </summary>
public sealed class WarmUpWire(Serializer serializer, int batchBudget = WarmUpWire.BatchBudget)
{
    /// <summary>
    /// Enough batches for the runtime to compile and then optimize their codecs; past it, putting a warm-up's batches
    /// through would only slow the warm-up down.
    /// </summary>
    public const int BatchBudget = 50_000;

    /// <summary>
    /// How many times <see cref="SendAcross"/> sends each sample to each silo: more calls than the runtime waits for
    /// before it optimizes a method (30), so that the first run finds the code optimized.
    /// </summary>
    public const int Rounds = 32;

    /// <summary>The first batch put through that carried each type of message.</summary>
    private readonly ConcurrentDictionary<Type, MessageBatch> _samples = new();

    private long _roundTrips;
    private long _batches;
    private long _sentAcross;

    /// <summary>Values put through since the silo started.</summary>
    public long RoundTrips => Interlocked.Read(ref _roundTrips);

    /// <summary>Batches put through since the silo started.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Batches sent to other silos by <see cref="SendAcross"/> since the silo started.</summary>
    public long SentAcross => Interlocked.Read(ref _sentAcross);

    /// <summary>True while a warm-up node should take its batches through <see cref="RoundTripBatch"/>.</summary>
    public bool TakesBatches => Batches < batchBudget;

    /// <summary>A batch for each type of message put through so far (a batch may stand for several).</summary>
    public IReadOnlyList<MessageBatch> Samples => _samples.Values.Distinct().ToList();

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
        var read = RoundTrip(batch);
        for (var i = 0; i < read.Envelopes.Count; i++)
        {
            _samples.TryAdd(read.Envelopes[i].Message.GetType(), read);
        }

        return read;
    }

    /// <summary>
    /// Sends each of <see cref="Samples"/>, <see cref="Rounds"/> times, to a node on each of <paramref name="silos"/>
    /// (Orleans' placement hint puts it there), one node for each pair of silos. Its key names no run, so it takes
    /// no part in any and drops what it gets, as an unconfigured node does; the calls only make this silo write
    /// batches to another silo and the other read them. One-way calls: this returns once they are sent.
    /// </summary>
    public int SendAcross(IGrainFactory grains, SiloAddress self, IEnumerable<SiloAddress> silos)
    {
        var samples = Samples;
        var hint = RequestContext.Get(IPlacementDirector.PlacementHintKey);
        var sent = 0;
        try
        {
            foreach (var silo in silos)
            {
                RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
                var node = grains.GetGrain<INodeGrain>(SinkKey(self, silo));
                for (var round = 0; round < Rounds; round++)
                {
                    foreach (var batch in samples)
                    {
                        node.ReceiveAsync(batch).Ignore();
                        sent++;
                    }
                }
            }
        }
        finally
        {
            if (hint is null)
            {
                RequestContext.Remove(IPlacementDirector.PlacementHintKey);
            }
            else
            {
                RequestContext.Set(IPlacementDirector.PlacementHintKey, hint);
            }
        }

        Interlocked.Add(ref _sentAcross, sent);
        return sent;
    }

    /// <summary>
    /// The key of the node on <paramref name="to"/> that takes what <paramref name="from"/> sends across: not the key
    /// of a run's node (<see cref="NodeGrainKey.TryParse"/> refuses it).
    /// </summary>
    public static string SinkKey(SiloAddress from, SiloAddress to) =>
        $"warm-up-wire:{from.ToParsableString()}>{to.ToParsableString()}";
}
