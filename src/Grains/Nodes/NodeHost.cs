using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Grains.Engine;
using OrleansGossip.Grains.Network;
using OrleansGossip.Grains.Protocol;
using OrleansGossip.Grains.Protocol.Clients;
using OrleansGossip.Grains.Telemetry;

namespace OrleansGossip.Grains.Nodes;

/// <summary>
/// One emulated replica as its grain hosts it: its virtual clock, its side of the network, its ledger and, while it
/// runs, its protocol core and clients. It takes a window's events in one turn (<see cref="TakeWindow"/>): messages,
/// controls and its core's own timers, in emulated-time order, each at its instant; what it sends lands in later
/// windows. A crash throws the core (and with it the pool) away and keeps the ledger; a restart builds a fresh core on
/// that ledger with the registry versions the node last heard of.
/// </summary>
internal sealed class NodeHost
{
    private readonly List<SubnetMembership> _versionsInUse = [];
    private readonly EngineNode _engineNode;
    private readonly NodeOutbox _outbox;
    private readonly GossipNodeContext _context;
    private ConsensusClient? _consensus;
    private bool _resume;

    public NodeHost(NodeConfiguration configuration, SubnetMembership membership, SiloEngine engine, EngineNode engineNode, TelemetryRecorder telemetry, TimeSpan deliveryTick, bool resume)
    {
        Configuration = configuration;
        _engineNode = engineNode;
        _resume = resume;
        var behaviour = configuration.BehaviourSettings ?? BehaviourSettings.Default;
        var random = new Random(SeedFor(configuration));
        Clock = new VirtualClock(configuration.Clock.EpochUtc);
        _outbox = new NodeOutbox(engine, engineNode, configuration.RegistryId, configuration.Ordinal);
        Network = new NodeNetwork(
            configuration.Node,
            configuration.Network,
            Clock,
            random,
            _outbox,
            deliveryTick,
            configuration.Behaviour == NodeBehaviour.Slow ? behaviour.ServeFraction : 1);
        _context = new GossipNodeContext(
            configuration.Node,
            configuration.Behaviour,
            configuration.Gossip,
            Clock,
            random,
            Clock.EpochUtc,
            Network,
            new NodeObserver(telemetry));
        RecordMembership(membership);
    }

    public NodeConfiguration Configuration { get; private set; }

    public VirtualClock Clock { get; }

    public NodeNetwork Network { get; }

    public NodeLedger Ledger { get; } = new();

    /// <summary>The protocol core; null before the node starts, while it is crashed, and after its run ends.</summary>
    public GossipNode? Core { get; private set; }

    public bool Crashed { get; private set; }

    public bool Ended { get; private set; }

    public long RegistryVersion => _versionsInUse.Count > 0 ? _versionsInUse[^1].Version : 0;

    /// <summary>Takes every event due in [<paramref name="startTicks"/>, <paramref name="endTicks"/>), in order.</summary>
    public void TakeWindow(long startTicks, long endTicks)
    {
        var deliveriesBefore = Ledger.Deliveries.Count;
        _outbox.WindowEndTicks = endTicks;
        Clock.AdvanceTo(startTicks);
        var inbox = _engineNode.Inbox;
        while (!Ended)
        {
            // A tick's messages before the core's timers at the same instant.
            var timer = TimerTicks();
            if (inbox.TryTakeTickBefore(Math.Min(endTicks, timer == long.MaxValue ? long.MaxValue : timer + 1), out var events))
            {
                Clock.AdvanceTo(events[0].Key.DueTicks);
                foreach (var (key, nodeEvent) in events)
                {
                    Take(key, nodeEvent);
                }

                inbox.Recycle(events);
            }
            else if (timer < endTicks && Core is { } core)
            {
                Clock.AdvanceTo(timer);
                core.Tick();
                if (TimerTicks() <= Clock.NowTicks)
                {
                    break; // A deadline the core does not move past would hold the window forever; it fires next window.
                }
            }
            else
            {
                break;
            }
        }

        _engineNode.NextTimerTicks = Ended ? long.MaxValue : TimerTicks();
        _engineNode.CountDeliveries(Ledger.Deliveries.Count - deliveriesBefore);
    }

    /// <summary>The run is over: the node takes and sends nothing more.</summary>
    public void End()
    {
        Ended = true;
        _engineNode.Inbox.Clear();
        _engineNode.NextTimerTicks = long.MaxValue;
    }

    public bool Holds(ArtifactId artifact) => Core?.Pool.Contains(artifact) ?? false;

    public bool IsMember => _versionsInUse.Count > 0 && _versionsInUse[^1].Contains(Configuration.Node);

    private long TimerTicks() => Core?.NextDeadlineMs is { } ms ? VirtualClock.TicksAtOrAfter(ms) : long.MaxValue;

    private void Take(EventKey key, NodeEvent nodeEvent)
    {
        if (nodeEvent.Control is { } control)
        {
            Apply(control);
            return;
        }

        if (Core is not { } core)
        {
            return; // Not started, crashed or over: what arrives is dropped.
        }

        if (Network.Download(nodeEvent.Envelope.Message, nodeEvent.Downloaded) is { } doneTicks)
        {
            _engineNode.Inbox.Add(key with { DueTicks = doneTicks }, nodeEvent with { Downloaded = true });
            return;
        }

        core.Receive(nodeEvent.Envelope.From, nodeEvent.Envelope.Message);
    }

    private void Apply(NodeControl control)
    {
        switch (control)
        {
            case StartNode when Core is null && !Crashed:
                StartCore();
                if (_resume)
                {
                    _resume = false;
                    Core!.OnRestarted();
                }

                break;
            case SubmitArtifact submit when !Crashed:
                Core?.Submit(submit.Artifact);
                break;
            case SetLinks links:
                foreach (var peer in links.Peers)
                {
                    if (Network.SetLink(peer, links.Up) && links.Up)
                    {
                        Core?.OnLinkRestored(peer);
                    }
                }

                break;
            case SetLoss loss:
                Network.LossOverride = loss.Loss;
                break;
            case CrashNode when !Crashed:
                Crashed = true;
                Core = null;
                _consensus = null;
                break;
            case RestartNode when Crashed:
                Crashed = false;
                StartCore();
                Core!.OnRestarted();
                break;
            case ChangeMembership change:
                if (RecordMembership(change.Membership) && Core is not null)
                {
                    _consensus?.SetMembers(change.Membership.Members.Select(m => m.Id));
                    ApplyPeers();
                }

                break;
            case ChangeBehaviour change:
                ChangeBehaviourTo(change.Behaviour, change.ServeFraction);
                break;
        }
    }

    /// <summary>
    /// Builds a fresh core on the node's ledger, with its clients, and takes its peers from the registry versions in
    /// use; gaining peers makes the core ask each to advert (or send) what it holds.
    /// </summary>
    private void StartCore()
    {
        var configuration = Configuration;
        var core = GossipNode.Create(configuration.Protocol, _context with { Behaviour = configuration.Behaviour }, Ledger);
        Core = core;
        if (configuration.Consensus is { } consensus)
        {
            _consensus = new ConsensusClient(core, consensus, configuration.Seed, _versionsInUse[^1].Members.Select(m => m.Id));
            core.Attach(_consensus);
        }
        else
        {
            _consensus = null;
            core.Attach(new BlockClockClient(core.Pool));
        }

        if (configuration is { Behaviour: NodeBehaviour.AdvertSpam, BehaviourSettings: { AdvertSpamPerSecond: > 0 } spam })
        {
            core.Attach(new AdvertSpamClient(core, Network, _context.Random, spam.AdvertSpamPerSecond, spam.AdvertSpamUntilMs));
        }

        ApplyPeers();
    }

    /// <summary>Keeps the memberships of the registry versions in use (the newest few); false for a version not newer than the last.</summary>
    private bool RecordMembership(SubnetMembership membership)
    {
        if (membership.Subnet != Configuration.Subnet || (_versionsInUse.Count > 0 && membership.Version <= _versionsInUse[^1].Version))
        {
            return false;
        }

        _versionsInUse.Add(membership);
        var keep = Math.Max(1, Configuration.Gossip.RegistryVersionsInUse);
        if (_versionsInUse.Count > keep)
        {
            _versionsInUse.RemoveRange(0, _versionsInUse.Count - keep);
        }

        return true;
    }

    /// <summary>
    /// Makes the node's peers its neighbours, in the subnet's topology, among the members of the versions in use. A
    /// node absent from the newest version has been removed: it keeps no peers.
    /// </summary>
    private void ApplyPeers()
    {
        var configuration = Configuration;
        var self = configuration.Node;
        if (configuration.Network.RegionLatencyMs is not null)
        {
            // Only a subnet with regions looks a peer's region up.
            var regions = new Dictionary<NodeId, string>();
            foreach (var member in _versionsInUse.SelectMany(v => v.Members))
            {
                regions[member.Id] = member.Region;
            }

            Network.SetRegions(regions);
        }
        var isMember = IsMember;
        var peers = isMember
            ? _versionsInUse
                .SelectMany(v => Topology.For(configuration.Topology, configuration.Seed, configuration.Subnet, v.Members.Select(m => m.Id).ToList()).NeighboursOf(self))
                .Distinct()
            : [];
        Core!.SetMembers(isMember ? _versionsInUse.SelectMany(v => v.Members).Select(m => m.Id) : []);
        Core.SetPeers(peers);
    }

    private void ChangeBehaviourTo(NodeBehaviour behaviour, double serveFraction)
    {
        var fraction = behaviour == NodeBehaviour.Slow ? serveFraction : 1;
        var settings = (Configuration.BehaviourSettings ?? BehaviourSettings.Default) with { ServeFraction = fraction };
        Configuration = Configuration with { Behaviour = behaviour, BehaviourSettings = settings };
        Network.ServeFraction = fraction;
        if (Core is not null)
        {
            Core.Behaviour = behaviour;
        }
    }

    private static int SeedFor(NodeConfiguration configuration)
    {
        var hash = Hash128.Of(System.Text.Encoding.UTF8.GetBytes($"{configuration.Seed}|{configuration.Node}"));
        return (int)(hash.High & int.MaxValue);
    }
}
