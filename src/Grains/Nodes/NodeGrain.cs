using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Live;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Grains.Hosting;
using OrleansGossip.Grains.Live;
using OrleansGossip.Grains.Network;
using OrleansGossip.Grains.Placement;
using OrleansGossip.Grains.Protocol;
using OrleansGossip.Grains.Protocol.Clients;
using OrleansGossip.Grains.Runs;
using OrleansGossip.Grains.Telemetry;

namespace OrleansGossip.Grains.Nodes;

/// <summary>
/// An emulated replica: a thin shell around its protocol core (<see cref="GossipNode"/>) and its side of the
/// emulated network. One grain timer, re-armed to the core's next deadline, drives the core's time-outs. A crash
/// throws the core (and with it the pool) away and keeps the ledger; a restart builds a fresh core on that ledger.
/// It stores nothing: when its silo stops while the run goes on, the first message for it activates it on another silo,
/// where it asks its run for the configuration it was set up with (<see cref="IRunGrain.GetNodeConfigurationAsync"/>)
/// and starts again with an empty pool and ledger, like a restarted node, and asks its peers for what it is missing.
/// While a dashboard watches the node's run, the node hands what its ledger gained in each turn to the silo's
/// <see cref="LiveTelemetry"/>, and samples its counters and queues now and then; otherwise that costs one read a turn.
/// The silo's <see cref="EmulatorOptions.NodePlacement"/> says where nodes go (<see cref="EmulatedNodePlacement"/>).
/// </summary>
[EmulatedNodePlacement]
public sealed partial class NodeGrain(
    DeliveryScheduler scheduler,
    TelemetryRecorder telemetry,
    [FromKeyedServices(EmulatorClock.Key)] TimeProvider wall,
    LiveTelemetry live,
    IOptions<LiveFeedOptions> liveOptions,
    ILogger<NodeGrain> logger,
    WarmUpWire warmUpWire) : Grain, INodeGrain, ILocalNode
{
    private static readonly Priority[] PriorityClasses = Enum.GetValues<Priority>();

    /// <summary>How long a node that gets local batches is kept from collection, renewed at half of it.</summary>
    private static readonly TimeSpan LocalKeepAlive = TimeSpan.FromMinutes(20);

    private readonly List<SubnetMembership> _versionsInUse = [];
    private readonly TurnClock _turnClock = new(wall);
    private NodeConfiguration? _configuration;
    private GossipNodeContext? _context;
    private NodeLedger? _ledger;
    private GossipNode? _core;
    private ConsensusClient? _consensus;
    private NodeNetwork? _network;
    private IGrainTimer? _timer;
    private double? _armedForMs;
    private bool _crashed;

    /// <summary>True once the node's run is over (<see cref="EndAsync"/>).</summary>
    private bool _ended;

    private LiveRunBuffer? _liveBuffer;
    private int _liveCreated;
    private int _liveDeliveries;
    private long _liveSampledAt;
    private (long Version, int Peers, int Cut, bool Crashed) _liveShape;
    private Action<object?>? _takeLocal;
    private Action<object?>? _takeLocalDownloaded;
    private DateTimeOffset _keptAliveUntil;

    /// <summary>Asynchronous calls under way (configuring, restarting, activating): a local batch must not interleave with them.</summary>
    private int _awaiting;

    /// <summary>
    /// A node of a run that goes on, activated again (its silo stopped, or it was collected), resumes with the
    /// configuration its run set it up with and asks its peers for what it is missing; the run learns that one of its
    /// nodes lost its state. A node being set up, or one whose run is over, stays unconfigured until told otherwise.
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _takeLocal = batch => TakeLocal((DeliveryBatch)batch!, downloaded: false);
        _takeLocalDownloaded = batch => TakeLocal((DeliveryBatch)batch!, downloaded: true);
        scheduler.Attach(this.GetPrimaryKeyString(), this);
        if (!NodeGrainKey.TryParse(this.GetPrimaryKeyString(), out var runId, out var node))
        {
            return;
        }

        using var awaiting = Awaiting();

        // A run's registry is the run's own, under its id.
        var run = GrainFactory.GetGrain<IRunGrain>(runId);
        NodeConfiguration? configuration;
        try
        {
            configuration = await run.GetNodeConfigurationAsync(node);
        }
        catch (Exception e) when (e is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException)
        {
            // The run's own silo is the one that stopped and the cluster has not noticed yet: ask again with the next
            // message for this node, which activates it anew; until then what arrives is dropped, as for a crashed node.
            LogRunUnreachable(logger, e, node.Value, runId);
            DeactivateOnIdle();
            return;
        }

        if (configuration is null)
        {
            return;
        }

        await ApplyConfigurationAsync(configuration);
        _core!.OnRestarted();
        ArmTimer();
        run.ReportNodeRestoredAsync(configuration.Node).Ignore();
        LogResumed(logger, configuration.Node.Value, configuration.RunId, _core.Peers.Count);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        scheduler.Detach(this.GetPrimaryKeyString(), this);
        return Task.CompletedTask;
    }

    public async Task ConfigureAsync(NodeConfiguration configuration)
    {
        using var awaiting = Awaiting();
        var key = NodeGrainKey.Format(configuration.RegistryId, configuration.Node);
        if (key != this.GetPrimaryKeyString())
        {
            throw new ArgumentException($"configuration for node '{key}' sent to node '{this.GetPrimaryKeyString()}'", nameof(configuration));
        }

        await ApplyConfigurationAsync(configuration);
        if (configuration.Ephemeral)
        {
            // A measured run's configurations come from another silo as often as not (see WarmUpWire).
            warmUpWire.RoundTrip(configuration);
        }
    }

    private async Task ApplyConfigurationAsync(NodeConfiguration configuration)
    {
        var behaviour = configuration.BehaviourSettings ?? BehaviourSettings.Default;
        var random = new Random(SeedFor(configuration));
        var network = new NodeNetwork(
            configuration.Node,
            configuration.RegistryId,
            configuration.Network,
            configuration.Clock,
            _turnClock,
            random,
            scheduler,
            configuration.Behaviour == NodeBehaviour.Slow ? behaviour.ServeFraction : 1);
        _context = new GossipNodeContext(
            configuration.Node,
            configuration.Behaviour,
            configuration.Gossip,
            new ScaledTimeProvider(configuration.Clock, _turnClock),
            random,
            configuration.Clock.EpochUtc,
            network,
            new NodeObserver(telemetry, configuration.RunId));

        _configuration = configuration;
        _network = network;
        _ledger = new NodeLedger();
        _liveCreated = 0;
        _liveDeliveries = 0;
        _crashed = false;
        await StartCoreAsync();
    }

    public Task ReceiveAsync(MessageBatch batch)
    {
        Take(batch);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A batch the silo's scheduler queued to this activation directly. It runs between the grain's turns, so while
    /// an asynchronous call is under way it is sent on as a grain call to this node, which waits behind that call.
    /// The batch travels as the work item's state, the flag in the choice of delegate: no object is made for it.
    /// </summary>
    public void Deliver(DeliveryBatch batch, bool downloaded) =>
        GrainContext.Scheduler.QueueAction(downloaded ? _takeLocalDownloaded! : _takeLocal!, batch);

    private void TakeLocal(DeliveryBatch batch, bool downloaded)
    {
        if (_awaiting > 0)
        {
            this.AsReference<INodeGrain>().ReceiveAsync(batch.ToMessage(downloaded)).Ignore();
            scheduler.Recycle(batch);
            return;
        }

        KeepAlive();
        if (_configuration is { Ephemeral: true } && warmUpWire.TakesBatches)
        {
            // A warm-up node takes its batches as they would come from another silo, serialized (see WarmUpWire).
            Take(warmUpWire.RoundTripBatch(batch.ToMessage(downloaded)));
            scheduler.Recycle(batch);
            return;
        }

        Take(batch, downloaded, batch.Dues);
    }

    /// <summary>
    /// Orleans counts a grain's calls, not the work queued to it, as activity: a node that gets its batches locally
    /// must say it is busy, or it would be collected as idle in the middle of a run.
    /// </summary>
    private void KeepAlive()
    {
        var now = wall.GetUtcNow();
        if (now < _keptAliveUntil)
        {
            return;
        }

        DelayDeactivation(LocalKeepAlive);
        _keptAliveUntil = now + (LocalKeepAlive / 2);
    }

    private void Take(MessageBatch batch) => Take(batch.Envelopes, batch.Downloaded, batch.Dues ?? []);

    /// <summary>
    /// Takes an arrived batch at one instant of the node's clock. How much later than its due time each message is
    /// taken (<paramref name="dues"/>: runs of messages per due time) is the emulator's lag: the emulated time the
    /// message is handled at is late by that much. Each message counts, so that a batch gathered from the ticks a
    /// collection paused weighs as the messages it carries.
    /// </summary>
    private void Take(IReadOnlyList<Envelope> envelopes, bool downloaded, IReadOnlyList<DueRun> dues)
    {
        if (_core is null || _network is null || _ended)
        {
            return; // Not configured, crashed or over: what arrives is dropped.
        }

        using var held = _turnClock.Hold();
        var now = _turnClock.GetUtcNow().UtcTicks;
        for (var i = 0; i < dues.Count; i++)
        {
            telemetry.RecordLag(Math.Max(0, now - dues[i].DueTicks) / (double)TimeSpan.TicksPerMillisecond, dues[i].Count);
        }

        using var sends = _network.GatherSends();
        var arrived = _network.Download(envelopes, downloaded);
        for (var i = 0; i < arrived.Count; i++)
        {
            _core.Receive(arrived[i].From, arrived[i].Message);
        }

        scheduler.Recycle(envelopes);

        ArmTimer();
        PublishLive();
    }

    public Task SubmitAsync(Artifact artifact)
    {
        if (_crashed || _ended)
        {
            return Task.CompletedTask;
        }

        RequireCore().Submit(artifact);
        ArmTimer();
        PublishLive();
        return Task.CompletedTask;
    }

    public Task OnRegistryChangedAsync(SubnetMembership membership)
    {
        if (_core is not null && !_ended && _configuration?.Subnet == membership.Subnet)
        {
            ApplyMembership(membership);
            ArmTimer();
        }

        return Task.CompletedTask;
    }

    public Task SetLinkAsync(NodeId peer, bool up) => SetLinksAsync([peer], up);

    public Task SetLinksAsync(IReadOnlyList<NodeId> peers, bool up)
    {
        RequireConfigured();
        foreach (var peer in peers)
        {
            if (_network!.SetLink(peer, up) && up)
            {
                _core?.OnLinkRestored(peer);
            }
        }

        ArmTimer();
        PublishLive(sampleNow: true);
        return Task.CompletedTask;
    }

    public Task SetLossAsync(double? loss)
    {
        RequireConfigured();
        _network!.LossOverride = loss;
        return Task.CompletedTask;
    }

    public Task CrashAsync()
    {
        RequireConfigured();
        if (_crashed)
        {
            return Task.CompletedTask;
        }

        _crashed = true;
        _core = null;
        _consensus = null;
        ArmTimer();
        PublishLive(sampleNow: true);
        LogCrashed(logger, _configuration!.Node.Value, _configuration.RunId);
        return Task.CompletedTask;
    }

    public async Task RestartAsync()
    {
        using var awaiting = Awaiting();
        RequireConfigured();
        if (!_crashed)
        {
            return;
        }

        _crashed = false;
        await StartCoreAsync();
        _core!.OnRestarted();
        ArmTimer();
        PublishLive(sampleNow: true);
        LogRestarted(logger, _configuration!.Node.Value, _configuration.RunId, _core!.Peers.Count);
    }

    public Task EndAsync()
    {
        _ended = true;
        _timer?.Dispose();
        _timer = null;
        _armedForMs = null;
        return Task.CompletedTask;
    }

    public Task<NodeStatus> GetStatusAsync()
    {
        RequireConfigured();
        var core = _core;
        return Task.FromResult(new NodeStatus(
            _configuration!.Node,
            _versionsInUse.Count > 0 ? _versionsInUse[^1].Version : 0,
            core is null ? [] : core.Peers.Order().ToList(),
            _network!.CutLinks.Order().ToList(),
            core?.Pool.Count ?? 0,
            core?.PendingDownloads ?? 0,
            _ledger!.Misbehaviour.Values.Sum() + _ledger.RejectedNonMember,
            _crashed,
            core?.Pool.FinalizedHeight ?? 0));
    }

    public Task<bool> HasArtifactAsync(ArtifactId artifact)
    {
        RequireConfigured();
        return Task.FromResult(_core?.Pool.Contains(artifact) ?? false);
    }

    public Task<NodeRunLog> GetRunLogAsync()
    {
        RequireConfigured();
        var ledger = _ledger!;
        var pool = _core?.Pool;
        var member = _versionsInUse.Count > 0 && _versionsInUse[^1].Contains(_configuration!.Node);
        return Task.FromResult(new NodeRunLog(
            _configuration!.Node,
            _configuration.Behaviour,
            ledger.Created.ToList(),
            ledger.Deliveries.ToList(),
            ledger.CountersByKind(),
            ledger.Finalizations.ToList(),
            ledger.Unwanted.Where(id => pool?.Contains(id) != true).ToList(),
            ledger.CopyBodyReceipts(),
            Alive: !_crashed && member,
            ProtocolCounters: new Dictionary<string, long>(ledger.ProtocolCounters),
            RejectedNonMember: ledger.RejectedNonMember));
    }

    public Task<ArtifactReceipt> GetReceiptAsync(ArtifactId artifact)
    {
        RequireConfigured();
        var ledger = _ledger!;
        double? at = null;
        var created = false;
        foreach (var origin in ledger.Created)
        {
            if (origin.Artifact == artifact)
            {
                at = origin.AtMs;
                created = true;
                break;
            }
        }

        if (at is null)
        {
            foreach (var delivery in ledger.Deliveries)
            {
                if (delivery.Artifact == artifact)
                {
                    at = delivery.AtMs;
                    break;
                }
            }
        }

        return Task.FromResult(new ArtifactReceipt(
            _configuration!.Node,
            created,
            at,
            _core?.Pool.Contains(artifact) ?? false,
            ledger.BodiesReceived(artifact)));
    }

    public Task SetBehaviourAsync(NodeBehaviour behaviour, double serveFraction)
    {
        RequireConfigured();
        if (behaviour is not (NodeBehaviour.Honest or NodeBehaviour.Withhold or NodeBehaviour.Corrupt or NodeBehaviour.Slow))
        {
            throw new ArgumentException($"behaviour '{behaviour.WireName()}' is given at the start of a run only", nameof(behaviour));
        }

        if (!(serveFraction > 0 && serveFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(serveFraction), serveFraction, "the serve fraction must be above 0 and at most 1");
        }

        var fraction = behaviour == NodeBehaviour.Slow ? serveFraction : 1;
        var settings = (_configuration!.BehaviourSettings ?? BehaviourSettings.Default) with { ServeFraction = fraction };
        _configuration = _configuration with { Behaviour = behaviour, BehaviourSettings = settings };
        _context = _context! with { Behaviour = behaviour };
        _network!.ServeFraction = fraction;
        if (_core is not null)
        {
            _core.Behaviour = behaviour;
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Builds a fresh core on the node's ledger, with its clients, reads the subnet's members from the registry and
    /// takes its peers from them; gaining peers makes the core ask each to advert (or send) what it holds.
    /// </summary>
    private async Task StartCoreAsync()
    {
        var configuration = _configuration!;
        var core = GossipNode.Create(configuration.Protocol, _context!, _ledger);
        _core = core;
        _versionsInUse.Clear();

        var membership = await GrainFactory.GetGrain<IRegistryGrain>(configuration.RegistryId).GetMembershipAsync(configuration.Subnet);
        if (configuration.Consensus is { } consensus)
        {
            _consensus = new ConsensusClient(core, consensus, configuration.Seed, membership.Members.Select(m => m.Id));
            core.Attach(_consensus);
        }
        else
        {
            _consensus = null;
            core.Attach(new BlockClockClient(core.Pool));
        }

        if (configuration is { Behaviour: NodeBehaviour.AdvertSpam, BehaviourSettings: { AdvertSpamPerSecond: > 0 } spam })
        {
            core.Attach(new AdvertSpamClient(core, _network!, _context!.Random, spam.AdvertSpamPerSecond, spam.AdvertSpamUntilMs));
        }

        ApplyMembership(membership);
        ArmTimer();
    }

    /// <summary>
    /// Keeps the memberships of the registry versions in use (the newest few) and makes the node's peers its
    /// neighbours, in the subnet's topology, among their members. A node absent from the newest version has been
    /// removed: it keeps no peers.
    /// </summary>
    private void ApplyMembership(SubnetMembership membership)
    {
        if (_versionsInUse.Count > 0 && membership.Version <= _versionsInUse[^1].Version)
        {
            return;
        }

        _versionsInUse.Add(membership);
        _consensus?.SetMembers(membership.Members.Select(m => m.Id));
        var configuration = _configuration!;
        var keep = Math.Max(1, configuration.Gossip.RegistryVersionsInUse);
        if (_versionsInUse.Count > keep)
        {
            _versionsInUse.RemoveRange(0, _versionsInUse.Count - keep);
        }

        var self = configuration.Node;
        var regions = new Dictionary<NodeId, string>();
        foreach (var member in _versionsInUse.SelectMany(v => v.Members))
        {
            regions[member.Id] = member.Region;
        }

        _network!.SetRegions(regions);
        var peers = membership.Contains(self)
            ? _versionsInUse
                .SelectMany(v => Topology.For(configuration.Topology, configuration.Seed, configuration.Subnet, v.Members.Select(m => m.Id).ToList()).NeighboursOf(self))
                .Distinct()
            : [];
        _core!.SetMembers(membership.Contains(self) ? _versionsInUse.SelectMany(v => v.Members).Select(m => m.Id) : []);
        _core.SetPeers(peers);
    }

    private void ArmTimer()
    {
        if (_ended)
        {
            return;
        }

        var next = _core?.NextDeadlineMs;
        if (next == _armedForMs)
        {
            return;
        }

        _armedForMs = next;
        var due = next is { } deadline
            ? _configuration!.Clock.WallAt(deadline) - wall.GetUtcNow()
            : Timeout.InfiniteTimeSpan;
        if (due != Timeout.InfiniteTimeSpan && due < TimeSpan.Zero)
        {
            due = TimeSpan.Zero;
        }

        if (_timer is null)
        {
            _timer = this.RegisterGrainTimer(OnTimerAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan));
        }
        else
        {
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private Task OnTimerAsync(CancellationToken cancellationToken)
    {
        _armedForMs = null;
        _core?.Tick();
        ArmTimer();
        PublishLive();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Hands what the ledger gained since the last turn to the run's live buffer, and a sample of the node's counters,
    /// queues and links when the last is old (or <paramref name="sampleNow"/>), while someone watches the run. A watch
    /// that starts finds the node's history behind it: only what happens from the turn it starts in on is sent.
    /// </summary>
    private void PublishLive(bool sampleNow = false)
    {
        var configuration = _configuration;
        if (configuration is null || _ledger is not { } ledger)
        {
            return;
        }

        if (live.For(configuration.RunId) is not { } buffer)
        {
            // Nobody watches: keep the positions moving, so that a watch starting later gets this turn on.
            _liveBuffer = null;
            _liveCreated = ledger.Created.Count;
            _liveDeliveries = ledger.Deliveries.Count;
            return;
        }

        if (!ReferenceEquals(buffer, _liveBuffer))
        {
            _liveBuffer = buffer;
            _liveShape = default;
            sampleNow = true;
        }

        buffer.Add(configuration.Subnet, configuration.Node, ledger.Created, _liveCreated, ledger.Deliveries, _liveDeliveries);
        _liveCreated = ledger.Created.Count;
        _liveDeliveries = ledger.Deliveries.Count;

        var nowTicks = Environment.TickCount64;
        if (!sampleNow && nowTicks - _liveSampledAt < (long)liveOptions.Value.NodeSampleInterval.TotalMilliseconds)
        {
            return;
        }

        _liveSampledAt = nowTicks;
        buffer.Sample(LiveSample(configuration, ledger));
    }

    private LiveNodeSample LiveSample(NodeConfiguration configuration, NodeLedger ledger)
    {
        var core = _core;
        var network = _network!;
        var version = _versionsInUse.Count > 0 ? _versionsInUse[^1].Version : 0;
        var shape = (version, core?.Peers.Count ?? 0, network.CutLinks.Count, _crashed);
        var changed = shape != _liveShape;
        _liveShape = shape;

        var queued = new int[PriorityClasses.Length];
        var backlog = new double[PriorityClasses.Length];
        foreach (var priority in PriorityClasses)
        {
            queued[(int)priority] = core is AdvertGossipNode advert && priority <= Priority.Fetch ? advert.Scheduler.Queued(priority) : 0;
            backlog[(int)priority] = network.UplinkBacklogMs(priority);
        }

        return new LiveNodeSample(
            configuration.Node,
            configuration.Subnet,
            configuration.Clock.ElapsedMs(wall.GetUtcNow()),
            _crashed,
            version,
            ledger.Finalizations.Count > 0 ? ledger.Finalizations[^1].Height : 0,
            LiveCounters.From(ledger.CountersByKind()),
            queued,
            backlog,
            changed ? (core?.Peers.Order().ToList() ?? []) : null,
            changed ? network.CutLinks.Order().ToList() : null);
    }

    private GossipNode RequireCore() =>
        _core ?? throw new InvalidOperationException($"node '{this.GetPrimaryKeyString()}' has not been configured for a run");

    private void RequireConfigured()
    {
        if (_configuration is null || _ledger is null || _network is null)
        {
            throw new InvalidOperationException($"node '{this.GetPrimaryKeyString()}' has not been configured for a run");
        }
    }

    private static int SeedFor(NodeConfiguration configuration)
    {
        var hash = Hash128.Of(System.Text.Encoding.UTF8.GetBytes($"{configuration.Seed}|{configuration.Node}"));
        return (int)(hash.High & int.MaxValue);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} of run {RunId} resumed on this silo with its run's configuration and {Peers} peers, catching up")]
    private static partial void LogResumed(ILogger logger, string node, string runId, int peers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node} could not ask run {RunId} whether it goes on; it will ask again with the next message")]
    private static partial void LogRunUnreachable(ILogger logger, Exception exception, string node, string runId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Node {Node} of run {RunId} crashed")]
    private static partial void LogCrashed(ILogger logger, string node, string runId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Node {Node} of run {RunId} restarted with {Peers} peers")]
    private static partial void LogRestarted(ILogger logger, string node, string runId, int peers);

    private AwaitScope Awaiting()
    {
        _awaiting++;
        return new AwaitScope(this);
    }

    private readonly struct AwaitScope(NodeGrain grain) : IDisposable
    {
        public void Dispose() => grain._awaiting--;
    }
}
