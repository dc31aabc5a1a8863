using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Grains.Protocol.Tables;

namespace OrleansGossip.Grains.Protocol;

/// <summary>What a node counts in place: its creations, its deliveries and its counters per artifact kind.</summary>
public sealed class NodeLedger
{
    private readonly KindCounters?[] _counters = new KindCounters?[ArtifactKinds.All.Count];
    private readonly RunLog<ArtifactOrigin> _created = new();
    private readonly RunLog<DeliveryRecord> _deliveries = new();
    private readonly RunLog<FinalizationRecord> _finalizations = new();
    private readonly HashSet<ArtifactId> _unwanted = [];

    /// <summary>
    /// Per artifact, whether this node made or got it and how many bodies of it arrived: one entry for both, as a node
    /// holds an entry for nearly every artifact of its subnet until the run ends.
    /// </summary>
    private readonly ArtifactMap<Receipt> _receipts = new();

    public IReadOnlyList<ArtifactOrigin> Created => _created;

    public IReadOnlyList<DeliveryRecord> Deliveries => _deliveries;

    public IReadOnlyList<FinalizationRecord> Finalizations => _finalizations;

    /// <summary>Artifacts this node's priority function dropped before it got them: it did not want them.</summary>
    public IReadOnlyCollection<ArtifactId> Unwanted => _unwanted;

    /// <summary>How many bodies (intact or not, wanted or duplicate) this node received of <paramref name="artifact"/>.</summary>
    public int BodiesReceived(ArtifactId artifact) => _receipts.GetValueOrDefault(artifact).Bodies;

    /// <summary>How many bodies (intact or not, wanted or duplicate) this node received per artifact, as a new dictionary.</summary>
    public Dictionary<ArtifactId, int> CopyBodyReceipts()
    {
        var copy = new Dictionary<ArtifactId, int>();
        foreach (var (id, receipt) in _receipts)
        {
            if (receipt.Bodies > 0)
            {
                copy[id] = receipt.Bodies;
            }
        }

        return copy;
    }

    /// <summary>Messages refused because their sender was not a member of the node's subnet at the registry versions in use.</summary>
    public long RejectedNonMember { get; set; }

    /// <summary>Bad bodies and other misbehaviour seen from each peer.</summary>
    public Dictionary<NodeId, long> Misbehaviour { get; } = [];

    /// <summary>Counters a protocol keeps by name (Abortable Broadcast's slot-table figures).</summary>
    public Dictionary<string, long> ProtocolCounters { get; } = new(StringComparer.Ordinal);

    public void Count(string counter, long by = 1) =>
        ProtocolCounters[counter] = ProtocolCounters.GetValueOrDefault(counter) + by;

    public KindCounters For(ArtifactKind kind) => _counters[(int)kind] ??= new KindCounters();

    public void RecordCreated(Advert advert, double atMs)
    {
        ReceiptOf(advert.Id).Held = true;
        _created.Add(new ArtifactOrigin(advert.Id, advert.Kind, advert.Size, atMs));
        For(advert.Kind).Created++;
    }

    /// <summary>
    /// Records that the artifact entered the pool from a peer, unless this node made it or got it before (a node that
    /// lost its pool in a crash gets artifacts again): each artifact is delivered to a node once. Returns whether it
    /// was recorded.
    /// </summary>
    public bool RecordDelivered(Advert advert, double atMs)
    {
        ref var receipt = ref ReceiptOf(advert.Id);
        if (receipt.Held)
        {
            return false;
        }

        receipt.Held = true;
        _unwanted.Remove(advert.Id); // Dropped once, wanted after all: it counts as received, not as refused.
        _deliveries.Add(new DeliveryRecord(advert.Id, atMs));
        For(advert.Kind).Deliveries++;
        return true;
    }

    /// <summary>A download given up because every advertiser timed out on it again and again: counted as dropped.</summary>
    public void RecordAbandoned(Advert advert) => For(advert.Kind).Dropped++;

    public void RecordBodyReceived(Advert advert, int bytes)
    {
        var counters = For(advert.Kind);
        counters.BodiesReceived++;
        counters.BodyBytesReceived += bytes;
        ReceiptOf(advert.Id).Bodies++;
    }

    /// <summary>
    /// Records an artifact the priority function dropped before this node got it, as unwanted and dropped. Returns
    /// false, recording nothing, when the node made or got it already: a late advert for an artifact its pool has
    /// purged since is not a refusal, and counting it would take the node out of those that should receive it.
    /// </summary>
    public bool RecordUnwanted(Advert advert)
    {
        if (_receipts.GetValueOrDefault(advert.Id).Held)
        {
            return false;
        }

        For(advert.Kind).Dropped++;
        _unwanted.Add(advert.Id);
        return true;
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

    private ref Receipt ReceiptOf(ArtifactId artifact) => ref _receipts.GetValueRefOrAddDefault(artifact, out _);

    private struct Receipt
    {
        public bool Held;
        public int Bodies;
    }
}
