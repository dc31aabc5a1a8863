using System.Text.Json.Serialization;

namespace OrleansGossip.Abstractions.Nodes;

/// <summary>
/// The protocol's knobs, in emulated time. Defaults are the IC replica's own (dfinity/ic, rs/p2p).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record GossipSettings
{
    /// <summary>A download that has not finished by then moves on to the next advertiser.</summary>
    [Id(0)] public double DownloadTimeoutMs { get; init; } = 15_000;

    /// <summary>How often the priority function is rebuilt from the pool.</summary>
    [Id(1)] public double PriorityRebuildMs { get; init; } = 1_000;

    /// <summary>How many downloads a node has in flight from one peer at once.</summary>
    [Id(2)] public int MaxDownloadsPerPeer { get; init; } = 32;

    /// <summary>How often a node asks a peer to advert again what it may have missed.</summary>
    [Id(3)] public double RetransmissionIntervalMs { get; init; } = 60_000;

    /// <summary>Consensus artifacts up to this many heights above the finalized height are fetched; further ones later.</summary>
    [Id(4)] public long ConsensusFetchWindow { get; init; } = 10;

    /// <summary>The most validated artifacts a channel's pool keeps; the oldest go first.</summary>
    [Id(5)] public int PoolCapacityPerChannel { get; init; } = 100_000;

    /// <summary>How many registry versions a node keeps peers from: the latest and those before it.</summary>
    [Id(6)] public int RegistryVersionsInUse { get; init; } = 1;

    /// <summary>
    /// Whether adverts are classified by priority; off, every advert is fetched in arrival order. Set from the
    /// scenario's top-level <c>priorities</c>.
    /// </summary>
    [JsonIgnore]
    [Id(7)] public bool Priorities { get; init; } = true;

    /// <summary>Abortable Broadcast: the most ingress slots a node keeps for one peer.</summary>
    [Id(8)] public int IngressSlotLimit { get; init; } = 50_000;

    /// <summary>Abortable Broadcast: the most slots a node keeps for one peer in any other channel.</summary>
    [Id(9)] public int SlotLimitPerChannel { get; init; } = 10_000;

    /// <summary>
    /// Abortable Broadcast: whether nodes broadcast artifacts they received, not only those they made. The IC's
    /// full mesh needs no relay; sparser topologies do. Set from the subnet's topology.
    /// </summary>
    [JsonIgnore]
    [Id(10)] public bool RelayReceived { get; init; }

    public static GossipSettings Default { get; } = new();
}
