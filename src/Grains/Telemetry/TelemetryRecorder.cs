using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Grains.Protocol;
using OrleansGossip.Grains.Protocol.AbortableBroadcast;

namespace OrleansGossip.Grains.Telemetry;

/// <summary>
/// A silo's propagation telemetry, counted in place: totals per event and artifact kind (published as
/// observable instruments on the <c>OrleansGossip</c> meter).
/// </summary>
public sealed class TelemetryRecorder : IDisposable
{
    public const string MeterName = "OrleansGossip";

    private static readonly int Kinds = ArtifactKinds.All.Count;
    private static readonly GossipEvent[] Events = Enum.GetValues<GossipEvent>();

    private readonly StripedCounters _counts = new(Events.Length * Kinds);
    private readonly StripedCounters _bytes = new(Events.Length * Kinds);
    private readonly ConcurrentDictionary<string, StrongBox<long>> _protocolCounters = new(StringComparer.Ordinal);
    private readonly Meter _meter;

    public TelemetryRecorder(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _meter.CreateObservableCounter("orleansgossip.deliveries", () => Measure(GossipEvent.Delivered, _counts), "{artifact}", "Artifacts taken into a validated pool from a peer");
        _meter.CreateObservableCounter("orleansgossip.adverts.received", () => Measure(GossipEvent.AdvertReceived, _counts), "{advert}", "Adverts received");
        _meter.CreateObservableCounter("orleansgossip.adverts.sent", () => Measure(GossipEvent.AdvertSent, _counts), "{advert}", "Adverts sent");
        _meter.CreateObservableCounter("orleansgossip.fetches.started", () => Measure(GossipEvent.FetchStarted, _counts), "{request}", "Body requests sent");
        _meter.CreateObservableCounter("orleansgossip.fetches.failed", () => Measure(GossipEvent.FetchFailed, _counts), "{request}", "Downloads that timed out");
        _meter.CreateObservableCounter("orleansgossip.bodies.received", () => Measure(GossipEvent.BodyReceived, _bytes), "By", "Body bytes received");
        _meter.CreateObservableCounter("orleansgossip.rejected", () => Measure(GossipEvent.Rejected, _counts), "{artifact}", "Bodies that failed their hash");
        _meter.CreateObservableCounter("orleansgossip.dropped", () => Measure(GossipEvent.Dropped, _counts), "{advert}", "Adverts the priority function dropped");
        _meter.CreateObservableCounter("orleansgossip.created", () => Measure(GossipEvent.Created, _counts), "{artifact}", "Artifacts created");
        _meter.CreateObservableCounter($"orleansgossip.{GossipNode.RejectedNonMemberCounter}", () => ProtocolTotal(GossipNode.RejectedNonMemberCounter), "{message}", "Messages refused because their sender is not a member of the receiver's subnet at the registry versions in use");
        foreach (var counter in SlotMetrics.All)
        {
            _meter.CreateObservableCounter($"orleansgossip.{counter}", () => ProtocolTotal(counter), "{event}", $"Abortable Broadcast: {counter.Replace('_', ' ')}");
        }
    }

    public void Record(GossipEvent gossipEvent, ArtifactKind kind, long bytes)
    {
        var index = ((int)gossipEvent * Kinds) + (int)kind;
        _counts.Add(index, 1);
        if (bytes != 0)
        {
            _bytes.Add(index, bytes);
        }
    }

    public long Total(GossipEvent gossipEvent, ArtifactKind kind) => _counts.Read(((int)gossipEvent * Kinds) + (int)kind);

    public long Total(GossipEvent gossipEvent) => ArtifactKinds.All.Sum(kind => Total(gossipEvent, kind));

    /// <summary>Counts a protocol's named event (see <see cref="SlotMetrics"/>).</summary>
    public void Count(string counter) => Interlocked.Increment(ref _protocolCounters.GetOrAdd(counter, _ => new StrongBox<long>()).Value);

    public long ProtocolTotal(string counter) => _protocolCounters.TryGetValue(counter, out var box) ? Volatile.Read(ref box.Value) : 0;

    public void Dispose() => _meter.Dispose();

    private static IEnumerable<Measurement<long>> Measure(GossipEvent gossipEvent, StripedCounters source)
    {
        for (var kind = 0; kind < Kinds; kind++)
        {
            var value = source.Read(((int)gossipEvent * Kinds) + kind);
            if (value != 0)
            {
                yield return new Measurement<long>(value, new KeyValuePair<string, object?>("kind", ((ArtifactKind)kind).WireName()));
            }
        }
    }
}
