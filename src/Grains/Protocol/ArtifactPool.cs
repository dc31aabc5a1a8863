using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Grains.Protocol.Tables;

namespace OrleansGossip.Grains.Protocol;

/// <summary>
/// A node's artifacts, per channel: an unvalidated section for bodies not yet checked and a validated section,
/// bounded per channel (the oldest leave first) and purged by rules per kind.
/// </summary>
public sealed class ArtifactPool
{
    private readonly ChannelSection[] _sections;

    /// <summary>What a purge removes from a section, gathered before removal; kept between purges, which are frequent.</summary>
    private readonly List<ArtifactId> _doomed = [];

    public ArtifactPool(int capacityPerChannel)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityPerChannel, 1);
        _sections = new ChannelSection[Enum.GetValues<GossipChannel>().Length];
        for (var i = 0; i < _sections.Length; i++)
        {
            _sections[i] = new ChannelSection(capacityPerChannel);
        }
    }

    /// <summary>Catch-up shares stay this many heights below the finalized height, for nodes that fell behind.</summary>
    public const long CatchUpRetentionHeights = 40;

    /// <summary>The highest height this node knows to be finalized; consensus artifacts below it are purged.</summary>
    public long FinalizedHeight { get; set; }

    public int Count => _sections.Sum(s => s.Validated.Count);

    public int UnvalidatedCount => _sections.Sum(s => s.Unvalidated.Count);

    public IEnumerable<Artifact> Validated => _sections.SelectMany(s => s.Validated.Values);

    public int CountIn(GossipChannel channel) => _sections[(int)channel].Validated.Count;

    /// <summary>A channel's validated artifacts, oldest first.</summary>
    public IEnumerable<Artifact> ValidatedIn(GossipChannel channel)
    {
        var section = _sections[(int)channel];
        foreach (var id in section.Order.InOrder())
        {
            if (section.Validated.TryGetValue(id, out var artifact))
            {
                yield return artifact;
            }
        }
    }

    /// <summary>Removes artifacts a client no longer needs (a finalized block's ingress); returns how many went.</summary>
    public int RemoveAll(GossipChannel channel, IEnumerable<ArtifactId> ids)
    {
        var section = _sections[(int)channel];
        var removed = ids.Count(section.Validated.Remove);
        if (section.Order.Count > 2 * section.Validated.Count + 64)
        {
            section.CompactOrder();
        }

        return removed;
    }

    public bool Contains(ArtifactId id) => _sections.Any(s => s.Validated.ContainsKey(id));

    public bool Contains(Advert advert) => Section(advert).Validated.ContainsKey(advert.Id);

    public bool TryGet(Advert advert, out Artifact artifact) => Section(advert).Validated.TryGetValue(advert.Id, out artifact!);

    public bool TryGet(ArtifactId id, out Artifact artifact)
    {
        foreach (var section in _sections)
        {
            if (section.Validated.TryGetValue(id, out artifact!))
            {
                return true;
            }
        }

        artifact = null!;
        return false;
    }

    /// <summary>Puts a received body aside until <see cref="Validate"/> checks it.</summary>
    public void AddUnvalidated(Artifact artifact) => Section(artifact.Advert).Unvalidated[artifact.Id] = artifact;

    /// <summary>
    /// Checks an unvalidated body against its advert's hash: an intact one moves to the validated section,
    /// a corrupt one is discarded. Returns whether it was intact.
    /// </summary>
    public bool Validate(Advert advert)
    {
        var section = Section(advert);
        if (!section.Unvalidated.Remove(advert.Id, out var artifact))
        {
            return false;
        }

        if (artifact.Advert != advert || !artifact.IsIntact)
        {
            return false;
        }

        return AddValidated(artifact);
    }

    /// <summary>Adds an artifact this node made or checked; false when it was there already.</summary>
    public bool AddValidated(Artifact artifact)
    {
        var section = Section(artifact.Advert);
        if (!section.Validated.TryAdd(artifact.Id, artifact))
        {
            return false;
        }

        section.Order.Enqueue(artifact.Id);
        section.LowestAttribute = Math.Min(section.LowestAttribute, artifact.Advert.Attribute);
        while (section.Validated.Count > section.Capacity && section.Order.TryDequeue(out var oldest))
        {
            section.Validated.Remove(oldest);
        }

        return true;
    }

    /// <summary>
    /// Applies the purge rules: consensus artifacts below the finalized height go, ingress past its expiry
    /// (its attribute, in emulated milliseconds) goes. Returns how many left.
    /// </summary>
    public int Purge(double nowMs)
    {
        var purged = 0;
        for (var channel = 0; channel < _sections.Length; channel++)
        {
            var section = _sections[channel];
            if (!MayHoldPurgeable((GossipChannel)channel, section.LowestAttribute, nowMs))
            {
                continue; // Nothing in it can be purgeable yet: no need to walk it.
            }

            var doomed = _doomed;
            var lowest = long.MaxValue;
            foreach (var (id, artifact) in section.Validated)
            {
                if (IsPurgeable(artifact.Advert, nowMs))
                {
                    doomed.Add(id);
                }
                else
                {
                    lowest = Math.Min(lowest, artifact.Advert.Attribute);
                }
            }

            section.LowestAttribute = lowest;
            if (doomed.Count == 0)
            {
                continue;
            }

            foreach (var id in doomed)
            {
                section.Validated.Remove(id);
            }

            purged += doomed.Count;
            doomed.Clear();

            // Compact now rather than lazily: a purged id left in the order would, if the artifact came back, evict
            // the returned artifact ahead of older ones. Purge already walks the whole section, so this costs no more.
            section.CompactOrder();
        }

        return purged;
    }

    public bool IsPurgeable(Advert advert, double nowMs) => advert.Channel switch
    {
        GossipChannel.Consensus when advert.Kind == ArtifactKind.CatchUpShare => advert.Attribute < FinalizedHeight - CatchUpRetentionHeights,
        GossipChannel.Consensus => advert.Attribute < FinalizedHeight,
        GossipChannel.Ingress => advert.Attribute < nowMs,
        _ => false,
    };

    /// <summary>
    /// Whether a section whose lowest attribute is <paramref name="lowestAttribute"/> can hold anything
    /// <see cref="IsPurgeable"/> would purge: the rules purge low attributes only.
    /// </summary>
    private bool MayHoldPurgeable(GossipChannel channel, long lowestAttribute, double nowMs) => channel switch
    {
        GossipChannel.Consensus => lowestAttribute < FinalizedHeight,
        GossipChannel.Ingress => lowestAttribute < nowMs,
        _ => false,
    };

    private ChannelSection Section(Advert advert) => _sections[(int)advert.Channel];

    private sealed class ChannelSection(int capacity)
    {
        public int Capacity { get; } = capacity;

        public Dictionary<ArtifactId, Artifact> Validated { get; } = [];

        public Dictionary<ArtifactId, Artifact> Unvalidated { get; } = [];

        /// <summary>
        /// No validated artifact's attribute is below this (it may be lower than the lowest held, after removals): a
        /// purge walks the section only when the rules could purge an artifact with it.
        /// </summary>
        public long LowestAttribute { get; set; } = long.MaxValue;

        /// <summary>Insertion order of validated ids, for eviction; after <see cref="CompactOrder"/>, exactly the validated ids.</summary>
        public ArtifactQueue Order { get; } = new();

        /// <summary>Drops the ids no longer validated from the order, keeping the others in order, in place.</summary>
        public void CompactOrder()
        {
            for (var remaining = Order.Count; remaining > 0; remaining--)
            {
                var id = Order.Dequeue();
                if (Validated.ContainsKey(id))
                {
                    Order.Enqueue(id);
                }
            }
        }
    }
}
