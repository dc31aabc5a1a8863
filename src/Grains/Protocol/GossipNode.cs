using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Grains.Protocol.Clients;

namespace OrleansGossip.Grains.Protocol;

/// <summary>
/// The protocol core of one node: plain, single-threaded and deterministic given its clock and random source.
/// The host feeds it messages and calls <see cref="Tick"/> at <see cref="NextDeadlineMs"/>; it answers through
/// the transport. Messages from nodes outside its peer set are refused and counted. A core may be given the ledger
/// of one before it (a node restarting after a crash): its pool starts empty, its history goes on.
/// </summary>
public abstract class GossipNode
{
    private readonly HashSet<NodeId> _peers = [];
    private HashSet<NodeId>? _members;
    private readonly List<IArtifactClient> _clients = [];

    protected GossipNode(GossipNodeContext context, NodeLedger? ledger = null)
    {
        Context = context;
        Behaviour = context.Behaviour;
        Pool = new ArtifactPool(context.Settings.PoolCapacityPerChannel);
        Ledger = ledger ?? new NodeLedger();
    }

    public static GossipNode Create(GossipProtocol protocol, GossipNodeContext context, NodeLedger? ledger = null) => protocol switch
    {
        GossipProtocol.AdvertGossip => new AdvertGossipNode(context, ledger),
        GossipProtocol.Flooding => new FloodingNode(context, ledger),
        GossipProtocol.AbortableBroadcast => new AbortableBroadcast.AbortableBroadcastNode(context, ledger),
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, null),
    };

    public NodeId Self => Context.Self;

    public ArtifactPool Pool { get; }

    public NodeLedger Ledger { get; }

    public PeerSet Peers => new(_peers);

    /// <summary>How this node serves its peers; starts as its context's and may change while it runs.</summary>
    public NodeBehaviour Behaviour { get; set; }

    /// <summary>The name under which refused non-member messages are counted on the meter (<c>orleansgossip.rejected_non_member</c>).</summary>
    public const string RejectedNonMemberCounter = "rejected_non_member";

    /// <summary>Messages refused because their sender is not a member of the subnet at the registry versions in use.</summary>
    public long RejectedNonMember => Ledger.RejectedNonMember;

    /// <summary>
    /// The members of this node's subnet at the registry versions in use, as the registry has them; null until the
    /// host sets them, and then the peers stand in for them.
    /// </summary>
    public IReadOnlySet<NodeId>? Members => _members;

    /// <summary>When <see cref="Tick"/> next has work, in emulated milliseconds since the epoch; null when idle.</summary>
    public double? NextDeadlineMs
    {
        get
        {
            var next = ProtocolDeadlineMs;
            foreach (var client in _clients)
            {
                if (client.NextDeadlineMs is { } due && (next is null || due < next))
                {
                    next = due;
                }
            }

            return next;
        }
    }

    /// <summary>The clients on top of this node's pool (consensus, a block clock).</summary>
    public IReadOnlyList<IArtifactClient> Clients => _clients;

    /// <summary>Emulated milliseconds since the run's epoch, by the node's clock.</summary>
    public double NowMs => Context.NowMs;

    public virtual int PendingDownloads => 0;

    protected GossipNodeContext Context { get; }

    protected GossipSettings Settings => Context.Settings;

    /// <summary>When the protocol itself next has work (time-outs, rebuilds, retransmissions).</summary>
    protected abstract double? ProtocolDeadlineMs { get; }

    /// <summary>
    /// Replaces the member set: the nodes of this node's subnet over the registry versions in use, from whom it
    /// accepts messages. Empty for a node that the newest version no longer lists.
    /// </summary>
    public void SetMembers(IEnumerable<NodeId> members) => _members = members.ToHashSet();

    /// <summary>Replaces the peer set (the subnet's members over the registry versions in use, less this node).</summary>
    public void SetPeers(IEnumerable<NodeId> peers)
    {
        var next = peers.Where(p => p != Self).ToHashSet();
        var removed = _peers.Where(p => !next.Contains(p)).ToList();
        var added = next.Where(p => !_peers.Contains(p)).ToList();
        foreach (var peer in removed)
        {
            _peers.Remove(peer);
            OnPeerRemoved(peer);
        }

        foreach (var peer in added)
        {
            _peers.Add(peer);
            OnPeerAdded(peer);
        }
    }

    /// <summary>True when <paramref name="node"/> is a member of this node's subnet at the registry versions in use.</summary>
    public bool IsMember(NodeId node) => _members?.Contains(node) ?? _peers.Contains(node);

    /// <summary>An artifact this node creates: it enters the validated pool and spreads.</summary>
    public void Submit(Artifact artifact)
    {
        if (!Pool.AddValidated(artifact))
        {
            return;
        }

        Ledger.RecordCreated(artifact.Advert, NowMs);
        Context.Observer.Record(GossipEvent.Created, artifact.Advert.Kind, artifact.Advert.Size);
        OnValidated(artifact, source: null);
        NotifyClients(artifact);
    }

    /// <summary>
    /// Takes a message from <paramref name="from"/> (the sender's node id, which every message carries). A sender that
    /// is not a member of this node's subnet at the registry versions in use is refused and counted
    /// (<see cref="RejectedNonMember"/>); a member that is not one of this node's peers in the subnet's topology is
    /// ignored.
    /// </summary>
    public void Receive(NodeId from, GossipMessage message)
    {
        if (!IsMember(from))
        {
            Ledger.RejectedNonMember++;
            Context.Observer.Count(RejectedNonMemberCounter);
            return;
        }

        if (!_peers.Contains(from))
        {
            return;
        }

        switch (message)
        {
            case AdvertMessage advert:
                Ledger.For(advert.Advert.Kind).AdvertsReceived++;
                Context.Observer.Record(GossipEvent.AdvertReceived, advert.Advert.Kind, 0);
                OnAdvert(from, advert.Advert);
                break;
            case ArtifactRequest request:
                OnRequest(from, request);
                break;
            case ArtifactTransfer transfer:
                Ledger.RecordBodyReceived(transfer.Artifact.Advert, transfer.Artifact.Body.Size);
                Context.Observer.Record(GossipEvent.BodyReceived, transfer.Artifact.Advert.Kind, transfer.Artifact.Body.Size);
                OnTransfer(from, transfer);
                break;
            case RetransmissionRequest:
                OnRetransmissionRequest(from);
                break;
            case SlotUpdate update:
                // A slot update is Abortable Broadcast's advert (whole or by id): counted as one for comparison.
                Ledger.For(update.Advert.Kind).AdvertsReceived++;
                Context.Observer.Record(GossipEvent.AdvertReceived, update.Advert.Kind, 0);
                if (update.Artifact is { } pushed)
                {
                    Ledger.RecordBodyReceived(pushed.Advert, pushed.Body.Size);
                    Context.Observer.Record(GossipEvent.BodyReceived, pushed.Advert.Kind, pushed.Body.Size);
                }

                OnSlotUpdate(from, update);
                break;
        }
    }

    /// <summary>The link to <paramref name="peer"/> works again: send what the peer may have missed.</summary>
    public abstract void OnLinkRestored(NodeId peer);

    /// <summary>
    /// This is the fresh core of a node restarting after a crash, and it has its peers: it asks them for what it
    /// lost, unless gaining them did already.
    /// </summary>
    public virtual void OnRestarted()
    {
    }

    /// <summary>Does what is due by now: the protocol's time-outs, rebuilds and retransmissions, then the clients' work.</summary>
    public void Tick()
    {
        OnTick();
        foreach (var client in _clients)
        {
            client.Tick();
        }
    }

    public void Attach(IArtifactClient client) => _clients.Add(client);

    /// <summary>True when a client says the advert is for something no longer needed.</summary>
    public bool IsStale(Advert advert)
    {
        foreach (var client in _clients)
        {
            if (client.IsStale(advert))
            {
                return true;
            }
        }

        return false;
    }

    protected abstract void OnTick();

    protected abstract void OnValidated(Artifact artifact, NodeId? source);

    protected abstract void OnAdvert(NodeId from, Advert advert);

    protected abstract void OnTransfer(NodeId from, ArtifactTransfer transfer);

    protected virtual void OnRequest(NodeId from, ArtifactRequest request)
    {
    }

    protected virtual void OnRetransmissionRequest(NodeId from)
    {
    }

    protected virtual void OnSlotUpdate(NodeId from, SlotUpdate update)
    {
    }

    protected virtual void OnPeerAdded(NodeId peer)
    {
    }

    protected virtual void OnPeerRemoved(NodeId peer)
    {
    }

    protected void Send(NodeId to, GossipMessage message) => Context.Transport.Send(to, message);

    /// <summary>Checks a received body and, when intact, takes it into the validated pool and records the delivery.</summary>
    protected bool Accept(NodeId from, Artifact artifact, Advert expected)
    {
        Pool.AddUnvalidated(artifact);
        if (!Pool.Validate(expected))
        {
            Ledger.For(expected.Kind).Rejected++;
            Ledger.RecordMisbehaviour(from);
            Context.Observer.Record(GossipEvent.Rejected, expected.Kind, artifact.Body.Size);
            return false;
        }

        if (Ledger.RecordDelivered(expected, NowMs))
        {
            Context.Observer.Record(GossipEvent.Delivered, expected.Kind, expected.Size);
        }

        return true;
    }

    /// <summary>Tells the clients of an artifact that entered the validated pool.</summary>
    protected void NotifyClients(Artifact artifact)
    {
        foreach (var client in _clients)
        {
            client.OnArtifact(artifact);
        }
    }

    /// <summary>The body this node serves for <paramref name="artifact"/>, as its behaviour has it; null when it withholds.</summary>
    protected Artifact? Serve(Artifact artifact) => Behaviour switch
    {
        NodeBehaviour.Withhold => null,
        NodeBehaviour.Corrupt => artifact with { Body = artifact.Body.Corrupted() },
        _ => artifact,
    };
}
