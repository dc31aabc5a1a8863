using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Grains.Protocol;

/// <summary>
/// The IC's original gossip. A node adverts what it validates; a node that wants an artifact (by the priority
/// function) asks one advertiser at a time, through that peer's queue for the artifact's class; a download that
/// times out moves on to the next advertiser, the slow one going to the back; a body that fails its hash is
/// discarded and its sender counted against. A download on which every advertiser has timed out
/// <see cref="MaxTimeoutsPerAdvertiser"/> times is given up and counted as dropped, so that adverts for artifacts
/// nobody serves (advert spam) cost bounded memory and work; a fresh advert for it starts over. After a reconnect,
/// and periodically, adverts are sent again.
/// </summary>
public sealed class AdvertGossipNode : GossipNode
{
    /// <summary>How many times each advertiser of an artifact may time out before its download is given up.</summary>
    public const int MaxTimeoutsPerAdvertiser = 3;

    private readonly DownloadManager _downloads = new();
    private readonly PeerScheduler _scheduler = new();
    private readonly Func<NodeId, ArtifactId, Priority, bool> _startDownload;

    /// <summary>Downloads a rebuild found unwanted, dropped once it has walked them all; kept for the next rebuild.</summary>
    private readonly List<Download> _unwanted = [];
    private PriorityFunction _priority;
    private double _nextRebuildMs;
    private double _nextRetransmissionMs;

    public AdvertGossipNode(GossipNodeContext context, NodeLedger? ledger = null)
        : base(context, ledger)
    {
        _startDownload = StartDownload;
        _priority = PriorityFunction.Build(Pool, Settings, NowMs, IsStale);
        _nextRebuildMs = NowMs + Settings.PriorityRebuildMs;
        _nextRetransmissionMs = NowMs + Settings.RetransmissionIntervalMs;
    }

    public override int PendingDownloads => _downloads.Count;

    public PeerScheduler Scheduler => _scheduler;

    protected override double? ProtocolDeadlineMs
    {
        get
        {
            double? next = _downloads.NextDeadlineMs;
            if (_downloads.Count > 0 || Pool.Count > 0)
            {
                next = Min(next, _nextRebuildMs);
            }

            if (Peers.Count > 0)
            {
                next = Min(next, _nextRetransmissionMs);
            }

            return next;
        }
    }

    protected override void OnTick()
    {
        var now = NowMs;
        foreach (var (download, source) in _downloads.TakeTimedOut(now))
        {
            _scheduler.FinishedDownload(source);
            Ledger.For(download.Advert.Kind).FetchTimeouts++;
            Context.Observer.Record(GossipEvent.FetchFailed, download.Advert.Kind, 0);
            download.RecordTimeout(source);
            if (download.EveryAdvertiserTimedOut(MaxTimeoutsPerAdvertiser))
            {
                Ledger.RecordAbandoned(download.Advert);
                Context.Observer.Record(GossipEvent.Dropped, download.Advert.Kind, 0);
                _downloads.Remove(download.Advert.Id);
                continue;
            }

            Requeue(download);
        }

        if (now >= _nextRebuildMs)
        {
            RebuildPriorities(now);
            _nextRebuildMs = now + Settings.PriorityRebuildMs;
        }

        if (now >= _nextRetransmissionMs)
        {
            foreach (var peer in Peers)
            {
                Send(peer, RetransmissionRequest.Instance);
            }

            _nextRetransmissionMs = now + Settings.RetransmissionIntervalMs;
        }

        Pump();
    }

    /// <summary>
    /// The link to <paramref name="peer"/> works again: advert it the whole pool, and retry at once the downloads in
    /// flight from it, whose request or body the cut link most likely lost (they would otherwise wait out their timeout).
    /// </summary>
    public override void OnLinkRestored(NodeId peer)
    {
        AdvertAllTo(peer);
        var retried = false;
        foreach (var download in _downloads.All)
        {
            if (download.Source == peer)
            {
                _scheduler.FinishedDownload(peer);
                download.Source = null;
                Requeue(download);
                retried = true;
            }
        }

        if (retried)
        {
            Pump();
        }
    }

    /// <summary>A new peer (or every peer of a restarted node) is asked to advert what it holds.</summary>
    protected override void OnPeerAdded(NodeId peer) => Send(peer, RetransmissionRequest.Instance);

    protected override void OnPeerRemoved(NodeId peer)
    {
        _scheduler.RemovePeer(peer);
        _downloads.ForgetPeer(peer);

        // The peer's queue went with it: requeue not only the downloads that were in flight from it but also those
        // that waited in its queue, or they would stall until the next retransmission brought a fresh advert.
        foreach (var download in _downloads.All)
        {
            Requeue(download);
        }

        Pump();
    }

    protected override void OnRetransmissionRequest(NodeId from) => AdvertAllTo(from);

    protected override void OnValidated(Artifact artifact, NodeId? source)
    {
        Download? holders = null;
        var freed = false;
        if (_downloads.TryGet(artifact.Id, out var download))
        {
            // The pool holds it now, fetched or submitted here meanwhile: the download is over (it is removed once its
            // advertisers are read below). Were it left pending, a body arriving for it would fail to enter the pool
            // and count its honest sender as misbehaving.
            holders = download;
            if (download.Source is { } inFlight)
            {
                _scheduler.FinishedDownload(inFlight);
                download.Source = null;
                freed = true;
            }
        }

        AdvertMessage? message = null;
        foreach (var peer in Peers)
        {
            if (peer != source && holders?.HasAdvertiser(peer) != true)
            {
                SendAdvert(peer, message ??= new AdvertMessage(artifact.Advert));
            }
        }

        if (holders is not null)
        {
            _downloads.Remove(artifact.Id);
        }

        if (freed)
        {
            Pump();
        }
    }

    protected override void OnAdvert(NodeId from, Advert advert)
    {
        if (_downloads.TryGet(advert.Id, out var known))
        {
            known.AddAdvertiser(from);
            if (known.IsFetchable && known.Source is null)
            {
                _scheduler.Enqueue(from, advert.Id, known.Priority);
                Pump();
            }

            return;
        }

        if (Pool.Contains(advert))
        {
            return; // Most adverts are for what the node holds already: nothing to classify.
        }

        var priority = _priority.Classify(advert);
        if (priority == Priority.Drop)
        {
            RecordUnwanted(advert);
            return;
        }

        var download = _downloads.Rent(advert, priority, Peers.Count);
        download.AddAdvertiser(from);
        _downloads.Add(download);
        if (download.IsFetchable)
        {
            _scheduler.Enqueue(from, advert.Id, priority);
            Pump();
        }
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
        if (!_downloads.TryGet(artifact.Id, out var download) || download.Source != from)
        {
            return; // Unsolicited, or a late answer to a download that already moved on: counted, not taken.
        }

        _scheduler.FinishedDownload(from);
        download.Source = null;
        if (!Accept(from, artifact, download.Advert))
        {
            download.RemoveAdvertiser(from);
            Requeue(download);
            Pump();
            return;
        }

        Context.Observer.Record(GossipEvent.FetchDone, download.Advert.Kind, artifact.Body.Size);
        OnValidated(artifact, from);
        NotifyClients(artifact);
        _downloads.Remove(artifact.Id);
        Pump();
    }

    private void RebuildPriorities(double now)
    {
        Pool.Purge(now);
        _priority = PriorityFunction.Build(Pool, Settings, now, IsStale);
        foreach (var download in _downloads.All)
        {
            var priority = _priority.Classify(download.Advert);
            if (priority == Priority.Drop)
            {
                _unwanted.Add(download);
                continue;
            }

            var wasFetchable = download.IsFetchable;
            download.Priority = priority;
            if (!wasFetchable && download.IsFetchable)
            {
                Requeue(download);
            }
        }

        foreach (var download in _unwanted)
        {
            if (download.Source is { } source)
            {
                _scheduler.FinishedDownload(source);
            }

            RecordUnwanted(download.Advert);
            _downloads.Remove(download.Advert.Id);
        }

        _unwanted.Clear();
    }

    /// <summary>Counts an artifact the priority function dropped, and tells the observer, unless the node made or got it.</summary>
    private void RecordUnwanted(Advert advert)
    {
        if (Ledger.RecordUnwanted(advert))
        {
            Context.Observer.Record(GossipEvent.Dropped, advert.Kind, 0);
        }
    }

    /// <summary>Queues a download that has no source with its first advertiser, if it still has one and is wanted now.</summary>
    private void Requeue(Download download)
    {
        if (download.Source is null && download.IsFetchable && download.Advertisers.Length > 0)
        {
            _scheduler.Enqueue(download.Advertisers[0], download.Advert.Id, download.Priority);
        }
    }

    private void Pump() => _scheduler.Dispatch(Settings.MaxDownloadsPerPeer, _startDownload);

    private bool StartDownload(NodeId peer, ArtifactId id, Priority queuedAs)
    {
        if (!_downloads.TryGet(id, out var download) || download.Source is not null || !download.IsFetchable ||
            !download.HasAdvertiser(peer))
        {
            return false;
        }

        _downloads.Start(download, peer, NowMs + Settings.DownloadTimeoutMs);
        Ledger.For(download.Advert.Kind).RequestsSent++;
        Context.Observer.Record(GossipEvent.FetchStarted, download.Advert.Kind, 0);
        Send(peer, new ArtifactRequest(id, download.Priority));
        return true;
    }

    private void AdvertAllTo(NodeId peer)
    {
        foreach (var artifact in Pool.Validated)
        {
            SendAdvert(peer, new AdvertMessage(artifact.Advert));
        }
    }

    private void SendAdvert(NodeId peer, AdvertMessage message)
    {
        Ledger.For(message.Advert.Kind).AdvertsSent++;
        Context.Observer.Record(GossipEvent.AdvertSent, message.Advert.Kind, 0);
        Send(peer, message);
    }

    private static double? Min(double? a, double b) => a is { } value ? Math.Min(value, b) : b;
}
