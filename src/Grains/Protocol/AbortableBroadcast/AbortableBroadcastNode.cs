using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Grains.Protocol.AbortableBroadcast;

/// <summary>
/// Today's IC dissemination (the consensus manager; arXiv 2410.22080). A node broadcasts what it makes (and, on a
/// sparse topology, what it receives) through a slot table per channel: each peer is sent
/// <see cref="SlotUpdate"/>s, whole for artifacts under 1 KiB or latency-sensitive ones (ingress that entered
/// here, shares made here), by id otherwise; freeing a slot aborts its pending update; a reconnect resends the
/// table on a new connection id. A receiver keeps the newest update per peer and slot by (connection, commit),
/// within a slot limit per peer and channel, and keeps one assembly per artifact with the peers advertising it;
/// it downloads from a random advertiser with a time-out backing off from 5 s to 120 s, judging the artifact
/// with the bouncer before each try, and aborts when every advertiser has dropped the id. An artifact received
/// (not made here, not relayed) leaves the pool when no peer advertises it any more.
/// </summary>
public sealed class AbortableBroadcastNode : GossipNode
{
    /// <summary>Artifacts whose update encodes under this many bytes are pushed whole.</summary>
    public const int PushThresholdBytes = 1024;

    private const double RebuildIntervalMs = 1_000;

    private readonly Dictionary<GossipChannel, SlotTable> _tables = [];
    private readonly Dictionary<NodeId, PeerSendView> _views = [];
    private readonly Dictionary<NodeId, Dictionary<(GossipChannel Channel, int Slot), ReceivedSlot>> _received = [];
    private readonly Dictionary<NodeId, Dictionary<GossipChannel, int>> _slotsHeld = [];
    private readonly Dictionary<ArtifactId, HashSet<NodeId>> _advertisers = [];
    private readonly Dictionary<ArtifactId, Assembly> _assemblies = [];
    private readonly HashSet<ArtifactId> _own = [];
    private readonly Bouncer _bouncer;
    private double _nextRebuildMs;

    public AbortableBroadcastNode(GossipNodeContext context, NodeLedger? ledger = null)
        : base(context, ledger)
    {
        _bouncer = new Bouncer(Pool, Settings, IsStale, NowMs);
        _nextRebuildMs = NowMs + RebuildIntervalMs;
    }

    public override int PendingDownloads => _assemblies.Count;

    /// <summary>The slot table this node broadcasts a channel's artifacts through.</summary>
    public SlotTable TableOf(GossipChannel channel) => _tables.TryGetValue(channel, out var table) ? table : _tables[channel] = new SlotTable();

    /// <summary>How many slots a peer holds in this node's view of it, per channel.</summary>
    public int SlotsHeldBy(NodeId peer, GossipChannel channel) =>
        _slotsHeld.TryGetValue(peer, out var held) ? held.GetValueOrDefault(channel) : 0;

    public IReadOnlyCollection<NodeId> AdvertisersOf(ArtifactId id) =>
        _advertisers.TryGetValue(id, out var peers) ? peers : [];

    protected override double? ProtocolDeadlineMs
    {
        get
        {
            double? next = null;
            void Consider(double at) => next = next is { } n ? Math.Min(n, at) : at;
            foreach (var assembly in _assemblies.Values)
            {
                if (assembly.Source is not null)
                {
                    Consider(assembly.DeadlineMs);
                }
            }

            foreach (var view in _views.Values)
            {
                if (view.Pending > 0 && view.RetryAtMs is { } retry)
                {
                    Consider(retry);
                }
            }

            if (_assemblies.Count > 0 || _tables.Values.Any(t => t.Count > 0))
            {
                Consider(_nextRebuildMs);
            }

            return next;
        }
    }

    public override void OnLinkRestored(NodeId peer)
    {
        if (_views.TryGetValue(peer, out var view))
        {
            Count(SlotMetrics.ResendReconnect);
            view.Reconnect(_tables.Select(t => (t.Key, t.Value)));
            Flush(peer, view);
        }
    }

    /// <summary>
    /// A new peer (or this node, restarted, meeting its peers again): the peer gets this node's whole table on a new
    /// connection, and is asked to do the same, as a fresh connection does on the IC.
    /// </summary>
    protected override void OnPeerAdded(NodeId peer)
    {
        var view = new PeerSendView();
        _views[peer] = view;
        view.Reconnect(_tables.Select(t => (t.Key, t.Value)));
        Flush(peer, view);
        Send(peer, RetransmissionRequest.Instance);
    }

    /// <summary>The peer has a new connection to this node (it restarted): its view starts over with the whole table.</summary>
    protected override void OnRetransmissionRequest(NodeId from) => OnLinkRestored(from);

    protected override void OnPeerRemoved(NodeId peer)
    {
        _views.Remove(peer);
        _slotsHeld.Remove(peer);
        if (_received.Remove(peer, out var slots))
        {
            foreach (var slot in slots.Values)
            {
                DropAdvertiser(slot.Artifact, peer);
            }
        }
    }

    protected override void OnTick()
    {
        var now = NowMs;
        foreach (var assembly in _assemblies.Values.Where(a => a.Source is not null && a.DeadlineMs <= now).ToList())
        {
            Count(SlotMetrics.AssembleTimeouts);
            Ledger.For(assembly.Advert.Kind).FetchTimeouts++;
            Context.Observer.Record(GossipEvent.FetchFailed, assembly.Advert.Kind, 0);
            assembly.Source = null;
            assembly.TimeoutMs = Math.Min(assembly.TimeoutMs * 2, Assembly.MaxTimeoutMs);
            TryAssemble(assembly);
        }

        if (now >= _nextRebuildMs)
        {
            _nextRebuildMs = now + RebuildIntervalMs;
            Rebuild(now);
        }

        foreach (var (peer, view) in _views)
        {
            if (view.Pending > 0 && view.RetryAtMs is { } retry && retry <= now)
            {
                Count(SlotMetrics.SendRetries);
                Flush(peer, view);
            }
        }
    }

    protected override void OnValidated(Artifact artifact, NodeId? source)
    {
        if (source is null)
        {
            _own.Add(artifact.Id);
            Broadcast(artifact, push: IsLatencySensitive(artifact) || EncodesSmall(artifact));
        }
        else if (Settings.RelayReceived)
        {
            Broadcast(artifact, push: false);
        }
    }

    protected override void OnAdvert(NodeId from, Advert advert)
    {
    }

    protected override void OnSlotUpdate(NodeId from, SlotUpdate update)
    {
        Count(SlotMetrics.Updates);
        var channel = update.Advert.Channel;
        var slots = _received.TryGetValue(from, out var known) ? known : _received[from] = [];
        var key = (channel, update.Slot);
        if (slots.TryGetValue(key, out var current))
        {
            if (!current.IsOlderThan(update.ConnectionId, update.CommitId))
            {
                Count(SlotMetrics.Stale);
                return;
            }

            Count(SlotMetrics.Overwrite);
            slots[key] = new ReceivedSlot(update.ConnectionId, update.CommitId, update.Advert.Id);
            if (current.Artifact != update.Advert.Id)
            {
                DropAdvertiser(current.Artifact, from);
            }
        }
        else
        {
            var held = _slotsHeld.TryGetValue(from, out var counts) ? counts : _slotsHeld[from] = [];
            if (held.GetValueOrDefault(channel) >= SlotLimit(channel))
            {
                Count(SlotMetrics.LimitExceeded);
                return;
            }

            held[channel] = held.GetValueOrDefault(channel) + 1;
            slots[key] = new ReceivedSlot(update.ConnectionId, update.CommitId, update.Advert.Id);
        }

        Offer(from, update.Advert, update.Artifact);
    }

    protected override void OnRequest(NodeId from, ArtifactRequest request)
    {
        if (Pool.TryGet(request.Id, out var artifact) && Serve(artifact) is { } served)
        {
            Send(from, new ArtifactTransfer(served, request.Class));
        }
    }

    protected override void OnTransfer(NodeId from, ArtifactTransfer transfer)
    {
        var artifact = transfer.Artifact;
        if (!_assemblies.TryGetValue(artifact.Id, out var assembly) || assembly.Source != from)
        {
            return;
        }

        assembly.Source = null;
        if (!Accept(from, artifact, assembly.Advert))
        {
            assembly.Advertisers.Remove(from);
            TryAssemble(assembly);
            return;
        }

        _assemblies.Remove(artifact.Id);
        Context.Observer.Record(GossipEvent.FetchDone, assembly.Advert.Kind, artifact.Body.Size);
        OnValidated(artifact, from);
        NotifyClients(artifact);
    }

    /// <summary>A peer's slot now holds <paramref name="advert"/> (whole when <paramref name="pushed"/> is given).</summary>
    private void Offer(NodeId from, Advert advert, Artifact? pushed)
    {
        var peers = _advertisers.TryGetValue(advert.Id, out var set) ? set : _advertisers[advert.Id] = [];
        peers.Add(from);
        if (Pool.Contains(advert))
        {
            return;
        }

        var verdict = _bouncer.Judge(advert);
        if (pushed is not null)
        {
            Count(SlotMetrics.Pushed);
            if (verdict == BouncerVerdict.Wants)
            {
                if (Accept(from, pushed, advert))
                {
                    if (_assemblies.Remove(advert.Id))
                    {
                        Count(SlotMetrics.AssembleAborted);
                    }

                    OnValidated(pushed, from);
                    NotifyClients(pushed);
                    return;
                }
            }
            else
            {
                Count(SlotMetrics.PushDropped);
            }
        }

        if (verdict == BouncerVerdict.Unwanted)
        {
            Ledger.RecordUnwanted(advert);
            return;
        }

        if (!_assemblies.TryGetValue(advert.Id, out var assembly))
        {
            assembly = new Assembly(advert);
            _assemblies[advert.Id] = assembly;
            Count(SlotMetrics.AssembleStarted);
        }

        assembly.Advertisers.Add(from);
        if (verdict == BouncerVerdict.Wants && assembly.Source is null)
        {
            TryAssemble(assembly);
        }
    }

    /// <summary>A peer no longer advertises an artifact: its assembly may end, and a received copy may leave the pool.</summary>
    private void DropAdvertiser(ArtifactId id, NodeId peer)
    {
        if (_advertisers.TryGetValue(id, out var peers))
        {
            peers.Remove(peer);
            if (peers.Count > 0)
            {
                if (_assemblies.TryGetValue(id, out var pending))
                {
                    pending.Advertisers.Remove(peer);
                }

                return;
            }

            _advertisers.Remove(id);
        }

        if (_assemblies.Remove(id, out var assembly))
        {
            Count(SlotMetrics.AssembleAborted);
            if (assembly.Source is not null)
            {
                Context.Observer.Record(GossipEvent.FetchFailed, assembly.Advert.Kind, 0);
            }
        }

        if (!_own.Contains(id) && !Settings.RelayReceived && Pool.TryGet(id, out var artifact))
        {
            Pool.RemoveAll(artifact.Advert.Channel, [id]);
        }
    }

    /// <summary>Asks a random advertiser for the body, if the bouncer still wants it; drops the assembly if unwanted.</summary>
    private void TryAssemble(Assembly assembly)
    {
        var verdict = _bouncer.Judge(assembly.Advert);
        if (verdict == BouncerVerdict.Unwanted)
        {
            _assemblies.Remove(assembly.Advert.Id);
            Ledger.RecordUnwanted(assembly.Advert);
            return;
        }

        if (verdict != BouncerVerdict.Wants || assembly.Advertisers.Count == 0)
        {
            return;
        }

        var candidates = assembly.Advertisers.Order().ToList();
        var peer = candidates[Context.Random.Next(candidates.Count)];
        assembly.Source = peer;
        assembly.DeadlineMs = NowMs + assembly.TimeoutMs;
        Ledger.For(assembly.Advert.Kind).RequestsSent++;
        Context.Observer.Record(GossipEvent.FetchStarted, assembly.Advert.Kind, 0);
        Send(peer, new ArtifactRequest(assembly.Advert.Id, Priority.Fetch));
    }

    /// <summary>Frees the slots of artifacts that left the pool, rebuilds the bouncer and judges waiting assemblies again.</summary>
    private void Rebuild(double now)
    {
        Pool.Purge(now);
        foreach (var (channel, table) in _tables)
        {
            foreach (var (slot, entry) in table.Entries.ToList())
            {
                if (!Pool.Contains(entry.Artifact.Advert))
                {
                    table.Remove(entry.Artifact.Id);
                    _own.Remove(entry.Artifact.Id);
                    foreach (var view in _views.Values)
                    {
                        if (view.Abort(channel, slot))
                        {
                            Count(SlotMetrics.Aborted);
                        }
                    }
                }
            }
        }

        _bouncer.Rebuild(now);
        foreach (var assembly in _assemblies.Values.Where(a => a.Source is null).ToList())
        {
            TryAssemble(assembly);
        }
    }

    private void Broadcast(Artifact artifact, bool push)
    {
        var channel = artifact.Advert.Channel;
        var table = TableOf(channel);
        if (table.Insert(artifact, push) is not { } inserted)
        {
            return;
        }

        var entry = table.EntryAt(inserted.Slot);
        foreach (var (peer, view) in _views)
        {
            view.Queue(channel, inserted.Slot, entry);
            Flush(peer, view);
        }
    }

    private void Count(string counter)
    {
        Ledger.Count(counter);
        Context.Observer.Count(counter);
    }

    private void Flush(NodeId peer, PeerSendView view) =>
        view.Flush(update => Context.Transport.TrySend(peer, update), NowMs);

    private int SlotLimit(GossipChannel channel) =>
        channel == GossipChannel.Ingress ? Settings.IngressSlotLimit : Settings.SlotLimitPerChannel;

    private static bool EncodesSmall(Artifact artifact) => Advert.WireSize + artifact.Body.Size < PushThresholdBytes;

    private static bool IsLatencySensitive(Artifact artifact) => artifact.Advert.Kind is not
        (ArtifactKind.BlockProposal or ArtifactKind.DkgDealing or ArtifactKind.IDkgDealing);
}
