using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Grains.Protocol.Tables;

namespace OrleansGossip.Grains.Protocol.Clients;

/// <summary>
/// IC-like consensus rounds at one node, driven by what enters its pool. At height h the block makers, ranked
/// by a permutation drawn from the run's seed, propose in turn (rank r after r notary delays into the round, which
/// starts no earlier than the target block interval), the block carrying ingress from the pool; a maker stays quiet
/// when it holds a better-ranked proposal. A node sends a notarization share for a rank-r proposal r + 1 notary
/// delays into the round; a block with shares from a threshold of n - f nodes is notarized, the node moves to
/// h + 1, sends a finalization share for it (unless it also notarized another block at h) and a random-beacon share
/// for h + 1. Finalization shares from the threshold finalize the height: the pool purges
/// what is below it and the block's ingress, the node sends a certification share, and every
/// <see cref="CatchUpIntervalHeights"/> heights a catch-up share, with which a node that fell behind jumps ahead.
/// </summary>
public sealed class ConsensusClient : IArtifactClient
{
    /// <summary>Heights between catch-up shares (the IC's DKG interval is longer; runs here are short).</summary>
    public const long CatchUpIntervalHeights = 20;

    private readonly GossipNode _node;
    private readonly ConsensusSpec _spec;
    private readonly ulong _runSeed;
    private readonly ulong _selfTag;
    private readonly Dictionary<long, List<Proposal>> _proposals = [];
    private readonly ShareTally _notarizationShares = new();
    private readonly ShareTally _finalizationShares = new();
    private readonly ShareTally _catchUpShares = new();
    private readonly Dictionary<long, ArtifactId> _notarized = [];
    private readonly ArtifactSet _included = new();
    private ulong[] _members = [];
    private long _height = 1;
    private double _heightStartMs;
    private long _proposedHeight;
    private readonly HashSet<ArtifactId> _notarizedByMe = [];
    private readonly Predicate<Proposal> _isDueForNotarization;

    /// <summary>This node's rank at <see cref="_selfRankHeight"/>: asked for after every batch, drawn once a height.</summary>
    private int _selfRank;

    private long _selfRankHeight = -1;

    /// <summary><see cref="NextDeadlineMs"/> as last worked out; stale once anything it depends on changed.</summary>
    private double? _deadline;

    private bool _deadlineStale = true;

    public ConsensusClient(GossipNode node, ConsensusSpec spec, ulong runSeed, IEnumerable<NodeId> members)
    {
        _node = node;
        _spec = spec;
        _runSeed = runSeed;
        _selfTag = TagOf(node.Self);
        _isDueForNotarization = IsDueForNotarization;
        SetMembers(members);
    }

    /// <summary>The height this node is at: the one after the highest it saw notarized.</summary>
    public long Height => _height;

    public long FinalizedHeight { get; private set; }

    /// <summary>Shares needed to notarize or finalize: n - f, where f = (n - 1) / 3 nodes may be faulty.</summary>
    public int Threshold => _members.Length - ((_members.Length - 1) / 3);

    /// <summary>
    /// The earlier of this node's proposal time and its next notarization. It depends on the client's state alone, not
    /// on the clock, so it is worked out again only after that state changed: the host asks at the end of every turn.
    /// </summary>
    public double? NextDeadlineMs
    {
        get
        {
            if (_deadlineStale)
            {
                _deadline = Min(ProposeAtMs(), NotarizeAtMs());
                _deadlineStale = false;
            }

            return _deadline;
        }
    }

    private double NowMs => _node.NowMs;

    /// <summary>A stable 64-bit tag for a node: what its shares carry to say whose they are.</summary>
    public static ulong TagOf(NodeId node)
    {
        var hash = Hash128.Of(System.Text.Encoding.UTF8.GetBytes(node.Value));
        return hash.High;
    }

    public void SetMembers(IEnumerable<NodeId> members)
    {
        _members = members.Select(TagOf).Distinct().Order().ToArray();
        _selfRankHeight = -1;
        _deadlineStale = true;
    }

    public bool IsStale(Advert advert) => advert.Kind == ArtifactKind.Ingress && _included.Contains(advert.Id);

    public void OnArtifact(Artifact artifact)
    {
        var advert = artifact.Advert;
        var height = advert.Attribute;
        var includes = artifact.Body.Includes ?? [];
        switch (advert.Kind)
        {
            case ArtifactKind.BlockProposal when height >= FinalizedHeight:
                var list = _proposals.TryGetValue(height, out var known) ? known : _proposals[height] = [];
                if (!Holds(list, advert.Id))
                {
                    list.Add(new Proposal(advert.Id, RankOf(artifact.Body.Seed, height)));
                    _included.UnionWith(includes);
                    _deadlineStale = true;
                }

                break;
            case ArtifactKind.NotarizationShare when includes.Count > 0:
                if (_notarizationShares.Add(height, includes[0], artifact.Body.Seed) >= Threshold)
                {
                    OnNotarized(height, includes[0]);
                }

                break;
            case ArtifactKind.FinalizationShare when includes.Count > 0:
                if (_finalizationShares.Add(height, includes[0], artifact.Body.Seed) >= Threshold)
                {
                    Finalize(height, includes[0]);
                }

                break;
            case ArtifactKind.CatchUpShare:
                if (_catchUpShares.Add(height, default, artifact.Body.Seed) >= Threshold && height > FinalizedHeight)
                {
                    Finalize(height, includes.Count > 0 ? includes[0] : default);
                }

                break;
        }

        Tick();
    }

    public void Tick()
    {
        if (NextDeadlineMs is not { } due || NowMs < due)
        {
            return;
        }

        if (ProposeAtMs() is { } proposeAt && NowMs >= proposeAt)
        {
            Propose();
        }

        if (_proposals.TryGetValue(_height, out var proposals) && proposals.Exists(_isDueForNotarization))
        {
            // A copy, as sharing may propose (a node's own share can move it on) and so add to the list.
            foreach (var proposal in proposals.FindAll(_isDueForNotarization))
            {
                _notarizedByMe.Add(proposal.Id);
                Share(ArtifactKind.NotarizationShare, _height, proposal.Id);
            }
        }

        _deadlineStale = true;
    }

    private bool IsDueForNotarization(Proposal proposal) =>
        proposal.Rank >= 0 && NowMs >= NotarizeAtMs(proposal) && !_notarizedByMe.Contains(proposal.Id);

    private static bool Holds(List<Proposal> proposals, ArtifactId id)
    {
        foreach (var proposal in proposals)
        {
            if (proposal.Id == id)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>When the round at the node's height starts: when the node got there, but not before the target interval.</summary>
    private double RoundStartMs => Math.Max(_heightStartMs, (_height - 1) * _spec.TargetBlockIntervalMs);

    /// <summary>A proposal of rank r may be notarized r + 1 notary delays into the round.</summary>
    private double NotarizeAtMs(Proposal proposal) => RoundStartMs + (_spec.NotaryDelayMs * (1 + proposal.Rank));

    private double? ProposeAtMs()
    {
        if (_proposedHeight >= _height || _members.Length == 0)
        {
            return null;
        }

        var rank = SelfRank();
        if (rank < 0 || (LowestRanked(_height) is { } best && best.Rank <= rank))
        {
            return null;
        }

        return RoundStartMs + (rank * _spec.NotaryDelayMs);
    }

    private double? NotarizeAtMs()
    {
        if (!_proposals.TryGetValue(_height, out var proposals))
        {
            return null;
        }

        double? next = null;
        foreach (var proposal in proposals)
        {
            if (proposal.Rank >= 0 && !_notarizedByMe.Contains(proposal.Id))
            {
                var at = NotarizeAtMs(proposal);
                next = next is { } n ? Math.Min(n, at) : at;
            }
        }

        return next;
    }

    private void Propose()
    {
        _proposedHeight = _height;
        var payload = new List<ArtifactId>();
        long bytes = 0;
        foreach (var ingress in _node.Pool.ValidatedIn(GossipChannel.Ingress))
        {
            if (_included.Contains(ingress.Id) || bytes + ingress.Advert.Size > _spec.MaxBlockPayloadBytes)
            {
                continue;
            }

            payload.Add(ingress.Id);
            bytes += ingress.Advert.Size;
        }

        var body = new ArtifactBody((int)(_spec.BlockHeaderBytes + bytes), _selfTag, null, payload);
        _node.Submit(Artifact.Create(ArtifactKind.BlockProposal, _height, _node.Self.Value, _height, body));
    }

    private void OnNotarized(long height, ArtifactId block)
    {
        if (!_notarized.TryAdd(height, block) || height < _height)
        {
            return;
        }

        var endorsed = height != _height || _notarizedByMe.All(id => id == block);
        _height = height + 1;
        _heightStartMs = NowMs;
        _notarizedByMe.Clear();
        _deadlineStale = true;
        if (endorsed)
        {
            Share(ArtifactKind.FinalizationShare, height, block);
        }

        Share(ArtifactKind.RandomBeacon, height + 1, null);
    }

    private void Finalize(long height, ArtifactId block)
    {
        if (height <= FinalizedHeight)
        {
            return;
        }

        FinalizedHeight = height;
        _deadlineStale = true;
        _node.Ledger.RecordFinalization(height, block, NowMs);
        var pool = _node.Pool;
        pool.FinalizedHeight = Math.Max(pool.FinalizedHeight, height);
        if (pool.TryGet(block, out var finalized) && finalized.Body.Includes is { } carried)
        {
            pool.RemoveAll(GossipChannel.Ingress, carried);
        }

        Prune(height);
        if (_height <= height)
        {
            _height = height + 1;
            _heightStartMs = NowMs;
            _notarizedByMe.Clear();
        }

        if (_spec.Certification)
        {
            Share(ArtifactKind.CertificationShare, height, null);
        }

        if (height % CatchUpIntervalHeights == 0)
        {
            Share(ArtifactKind.CatchUpShare, height, block);
        }
    }

    /// <summary>
    /// Makes a share of this node at a height, about a block when it is for one. Its id names the block too: a node
    /// may notarize two blocks of one height (both makers' proposals, once a healed partition brings each side the
    /// other's), and the second share must not pass for the first.
    /// </summary>
    private void Share(ArtifactKind kind, long height, ArtifactId? about)
    {
        var body = new ArtifactBody(_spec.ShareBytes, _selfTag, null, about is { } id ? [id] : null);
        var origin = about is { } block ? $"{_node.Self.Value}/{block}" : _node.Self.Value;
        _node.Submit(Artifact.Create(kind, height, origin, height, body));
    }

    private Proposal? LowestRanked(long height)
    {
        if (!_proposals.TryGetValue(height, out var proposals) || proposals.Count == 0)
        {
            return null;
        }

        var best = proposals[0];
        foreach (var proposal in proposals)
        {
            if (proposal.Rank >= 0 && (best.Rank < 0 || proposal.Rank < best.Rank))
            {
                best = proposal;
            }
        }

        return best.Rank < 0 ? null : best;
    }

    private int SelfRank()
    {
        if (_selfRankHeight != _height)
        {
            _selfRank = RankOf(_selfTag, _height);
            _selfRankHeight = _height;
        }

        return _selfRank;
    }

    /// <summary>A member's place in the height's block-maker order; -1 for a node that is not a member.</summary>
    private int RankOf(ulong tag, long height)
    {
        var key = Mix(tag, height);
        var rank = 0;
        var member = false;
        foreach (var other in _members)
        {
            if (other == tag)
            {
                member = true;
            }
            else if (Mix(other, height) < key)
            {
                rank++;
            }
        }

        return member ? rank : -1;
    }

    private ulong Mix(ulong tag, long height)
    {
        var x = tag ^ _runSeed ^ ((ulong)height * 0x9E3779B97F4A7C15UL);
        x ^= x >> 33;
        x *= 0xFF51AFD7ED558CCDUL;
        x ^= x >> 33;
        x *= 0xC4CEB9FE1A85EC53UL;
        return x ^ (x >> 33);
    }

    private void Prune(long finalized)
    {
        ForgetBelow(_proposals, finalized);
        ForgetBelow(_notarized, finalized);
        _notarizationShares.ForgetUpTo(finalized - 1);
        _finalizationShares.ForgetUpTo(finalized);
        _catchUpShares.ForgetUpTo(finalized);
    }

    private static void ForgetBelow<TValue>(Dictionary<long, TValue> byHeight, long height)
    {
        // A dictionary may lose entries while its keys are walked.
        foreach (var key in byHeight.Keys)
        {
            if (key < height)
            {
                byHeight.Remove(key);
            }
        }
    }

    private static double? Min(double? a, double? b) => a is { } x && b is { } y ? Math.Min(x, y) : a ?? b;

    private sealed record Proposal(ArtifactId Id, int Rank);
}
