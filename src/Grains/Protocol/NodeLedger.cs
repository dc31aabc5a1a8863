using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Grains.Protocol;

/// <summary>What a node counts in place: its creations, its deliveries and its counters per artifact kind.</summary>
public sealed class NodeLedger
{
    private readonly KindCounters?[] _counters = new KindCounters?[ArtifactKinds.All.Count];
    private readonly List<ArtifactOrigin> _created = [];
    private readonly List<DeliveryRecord> _deliveries = [];
    private readonly List<FinalizationRecord> _finalizations = [];
    private readonly HashSet<ArtifactId> _unwanted = [];

    public IReadOnlyList<ArtifactOrigin> Created => _created;

    public IReadOnlyList<DeliveryRecord> Deliveries => _deliveries;

    public IReadOnlyList<FinalizationRecord> Finalizations => _finalizations;

    /// <summary>Artifacts this node's priority function dropped before it got them: it did not want them.</summary>
    public IReadOnlyCollection<ArtifactId> Unwanted => _unwanted;

    /// <summary>Bad bodies and other misbehaviour seen from each peer.</summary>
    public Dictionary<NodeId, long> Misbehaviour { get; } = [];

    public KindCounters For(ArtifactKind kind) => _counters[(int)kind] ??= new KindCounters();

    public void RecordCreated(Advert advert, double atMs)
    {
        _created.Add(new ArtifactOrigin(advert.Id, advert.Kind, advert.Size, atMs));
        For(advert.Kind).Created++;
    }

    public void RecordDelivered(Advert advert, double atMs)
    {
        _deliveries.Add(new DeliveryRecord(advert.Id, atMs));
        For(advert.Kind).Deliveries++;
    }

    public void RecordUnwanted(Advert advert)
    {
        For(advert.Kind).Dropped++;
        _unwanted.Add(advert.Id);
    }

    public void RecordFinalization(long height, ArtifactId block, double atMs) =>
        _finalizations.Add(new FinalizationRecord(height, block, atMs));

    public void RecordMisbehaviour(NodeId peer) =>
        Misbehaviour[peer] = Misbehaviour.GetValueOrDefault(peer) + 1;

    public IReadOnlyDictionary<ArtifactKind, KindCounters> CountersByKind()
    {
        var result = new Dictionary<ArtifactKind, KindCounters>();
        for (var i = 0; i < _counters.Length; i++)
        {
            if (_counters[i] is { } counters)
            {
                var copy = new KindCounters();
                copy.Add(counters);
                result[(ArtifactKind)i] = copy;
            }
        }

        return result;
    }
}
