using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Reports;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Grains.Hosting;
using OrleansGossip.Grains.Network;

namespace OrleansGossip.Grains.Runs;

/// <summary>
/// Runs one scenario: registers its subnets in a registry of the run's own, configures every node on one clock,
/// submits the workload as it falls due, waits for the last artifacts to spread, then gathers the nodes' logs
/// into the report.
/// </summary>
public sealed partial class RunGrain(
    [FromKeyedServices(EmulatorClock.Key)] TimeProvider wall,
    IOptions<EmulatorOptions> options,
    ILogger<RunGrain> logger,
    IEnumerable<IRunReportExporter> exporters,
    WarmUpWire warmUpWire,
    [PersistentState("run", EmulatorStorage.Runs)] IPersistentState<RunRecord> record) : Grain, IRunGrain
{
    private static readonly TimeSpan TickPeriod = TimeSpan.FromMilliseconds(20);

    /// <summary>How often a run that warms up asks whether its warm-up run is over (wall time).</summary>
    private static readonly TimeSpan WarmUpPollPeriod = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How long after a run's nodes begin to be set up its clock starts, at the least (wall time; a millisecond per node
    /// is added): a node still being set up when the clock starts takes its first messages late. Setting a node up
    /// activates it, reads its subnet from the registry and builds its core: 1 300 nodes took 135 to 235 ms in the first
    /// run on a local three-silo cluster just started.
    /// </summary>
    private static readonly TimeSpan SetUpLead = TimeSpan.FromMilliseconds(500);

    /// <summary>How often a running run stores a checkpoint of its progress (wall time).</summary>
    private static readonly TimeSpan CheckpointPeriod = TimeSpan.FromSeconds(2);

    private readonly LagHistogram _lag = new();

    /// <summary>The lag as the run went, begun at the first report of it; kept by this activation only, as <see cref="_lag"/> is.</summary>
    private LagTimeline? _timeline;

    /// <summary>
    /// References to the run's nodes, made once: the workload submits to them many times a second, and Orleans
    /// resolves a grain interface's type anew for each reference it makes.
    /// </summary>
    private readonly Dictionary<NodeId, INodeGrain> _nodes = [];

    private ScenarioSpec? _scenario;
    private IReadOnlyList<SubnetPlan> _plans = [];
    private WorkloadGenerator? _workload;
    private FaultInjector? _faults;
    private long[] _createdPerSubnet = [];
    private RunClock? _clock;

    /// <summary>What each node is set up with, once the run goes on; a node activated again resumes with it.</summary>
    private NodeConfigurator? _configurator;

    private IGrainTimer? _timer;
    private RunPhase _phase = RunPhase.NotStarted;
    private RunKind _kind = RunKind.Measured;
    private long _created;
    private long _expected;
    private long _deliveries;
    private string? _error;
    private RunReport? _report;
    private IReadOnlyList<ArtifactRow> _rows = [];
    private double _submittedUpToMs;
    private DateTimeOffset _checkpointedAt;
    private bool _nodesRestored;
    private string? _warmUpRunId;

    /// <summary>The emulated time at which the run ended (began reporting, failed); its progress stays there after.</summary>
    private double? _endedAtSeconds;

    /// <summary>The collector's pauses the emulator's clock had left out when this activation began to drive the run.</summary>
    private TimeSpan _pausesExcludedAtStart;

    private string RunId => this.GetPrimaryKeyString();

    /// <summary>
    /// The deliveries the workload's artifacts call for, or 0 when unknown: with consensus, the nodes make blocks and
    /// shares the run does not count, while every delivery counts, so no share of an expectation can be given.
    /// </summary>
    private long ExpectedDeliveries => _scenario?.Workload?.Consensus is null ? _expected : 0;

    /// <summary>
    /// Takes up the stored record: a completed run answers its report again; a run that was going on when its silo
    /// stopped goes on from its last checkpoint (its workload from there, its faults recorded so far).
    /// </summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stored = record.State;
        _warmUpRunId = stored.WarmUpRunId;
        if (stored.Phase == RunPhase.WarmingUp && stored.Scenario is { } warming && _warmUpRunId is not null)
        {
            // The warm-up run, kept in memory only, goes on where its silo runs, or was lost with its silo: wait for it again.
            _scenario = warming;
            _plans = warming.Subnets.Select(SubnetPlan.From).ToList();
            _phase = RunPhase.WarmingUp;
            _timer = this.RegisterGrainTimer(OnWarmingUpTickAsync, new GrainTimerCreationOptions(TimeSpan.Zero, WarmUpPollPeriod) { KeepAlive = true });
            return Task.CompletedTask;
        }

        if (stored.Scenario is not { } scenario || stored.Clock is not { } clock)
        {
            return Task.CompletedTask;
        }

        _scenario = scenario;
        _clock = clock;
        _created = stored.Created;
        _expected = stored.Expected;
        _deliveries = stored.Deliveries;
        _error = stored.Error;
        _report = stored.Report;
        _rows = stored.Rows;
        _nodesRestored = stored.NodesRestored;
        _endedAtSeconds = stored.EndedAtSeconds ?? (stored.Phase is RunPhase.Completed or RunPhase.Failed ? stored.SubmittedUpToMs / 1000 : null);
        _submittedUpToMs = stored.SubmittedUpToMs;
        _plans = scenario.Subnets.Select(SubnetPlan.From).ToList();
        _createdPerSubnet = stored.CreatedPerSubnet.Length == _plans.Count ? stored.CreatedPerSubnet : new long[_plans.Count];
        if (stored.Phase is RunPhase.Completed or RunPhase.Failed)
        {
            _phase = stored.Phase;
            return Task.CompletedTask;
        }

        // Running, draining, or stopped while reporting: go on from the checkpoint, and report again at the end.
        _configurator = Configurator(scenario, clock);
        _workload = new WorkloadGenerator(scenario, _plans);
        _workload.TakeDue(stored.SubmittedUpToMs);
        _faults = new FaultInjector(GrainFactory, RunId, scenario, _plans, _configurator, logger);
        _faults.Resume(stored.Faults, stored.SubmittedUpToMs);
        _phase = stored.Phase == RunPhase.Running ? RunPhase.Running : RunPhase.Draining;
        _checkpointedAt = wall.GetUtcNow();
        _pausesExcludedAtStart = PausesExcluded;
        _timer = this.RegisterGrainTimer(OnTickAsync, new GrainTimerCreationOptions(TimeSpan.Zero, TickPeriod) { KeepAlive = true });
        LogResumed(logger, RunId, stored.SubmittedUpToMs / 1000);
        return Task.CompletedTask;
    }

    public async Task<RunProgress> StartAsync(ScenarioSpec scenario, RunKind kind = RunKind.Measured, double warmUpSeconds = 0)
    {
        if (_phase != RunPhase.NotStarted)
        {
            throw new InvalidOperationException($"run '{RunId}' has already been started");
        }

        if (RunId.Contains('/'))
        {
            throw new ArgumentException($"run id '{RunId}' must not contain '/'");
        }

        if (!WarmUpScenario.IsAllowed(warmUpSeconds) || (kind == RunKind.WarmUp && warmUpSeconds > 0))
        {
            throw new ArgumentOutOfRangeException(
                nameof(warmUpSeconds),
                warmUpSeconds,
                kind == RunKind.WarmUp ? "a warm-up run has no warm-up of its own" : $"a warm-up lasts from 0 to {WarmUpScenario.MaxSeconds} emulated seconds");
        }

        var problems = ScenarioValidator.Validate(scenario);
        if (problems.Count > 0)
        {
            throw new ScenarioException(null, problems);
        }

        if (options.Value.ExcludeCollectorPauses && (await GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count is > 1 and var silos)
        {
            throw new InvalidOperationException(
                $"this silo's clock leaves out the collector's pauses (Emulator:ExcludeCollectorPauses), which only a silo that runs alone may do: the cluster has {silos} silos, whose clocks would drift apart");
        }

        return WarmUpScenario.For(scenario, warmUpSeconds, out _) is { } warmUp
            ? await WarmUpAsync(scenario, warmUp)
            : await BeginAsync(scenario, kind);
    }

    /// <summary>
    /// Lists the run and starts its warm-up run; <see cref="OnWarmingUpTickAsync"/> begins the run once that is over,
    /// so that the caller need not wait for it.
    /// </summary>
    private async Task<RunProgress> WarmUpAsync(ScenarioSpec scenario, ScenarioSpec warmUp)
    {
        _scenario = scenario;
        _plans = scenario.Subnets.Select(SubnetPlan.From).ToList();
        _warmUpRunId = $"{RunId}-warmup-{Guid.NewGuid():N}";
        _phase = RunPhase.WarmingUp;
        await CheckpointAsync();
        await AddToRunListAsync(scenario, wall.GetUtcNow());
        try
        {
            await GrainFactory.GetGrain<IRunGrain>(_warmUpRunId).StartAsync(warmUp, RunKind.WarmUp);
        }
        catch (Exception e)
        {
            // A warm-up that cannot start does not keep the run from beginning.
            LogWarmUpFailed(logger, RunId, e.Message);
            return await BeginAsync(scenario, RunKind.Measured);
        }

        _timer = this.RegisterGrainTimer(OnWarmingUpTickAsync, new GrainTimerCreationOptions(WarmUpPollPeriod, WarmUpPollPeriod) { KeepAlive = true });
        LogWarmingUp(logger, RunId, _warmUpRunId, warmUp.DurationSeconds);
        return Progress();
    }

    /// <summary>Begins the run once its warm-up run is over, whether it completed or failed.</summary>
    private async Task OnWarmingUpTickAsync(CancellationToken cancellationToken)
    {
        if (_phase != RunPhase.WarmingUp || _scenario is not { } scenario)
        {
            return;
        }

        // A warm-up run keeps nothing in storage: one that is not started (any more) was lost with its silo.
        var warmUp = await GrainFactory.GetGrain<IRunGrain>(_warmUpRunId!).GetProgressAsync();
        if (warmUp.Phase is not (RunPhase.Completed or RunPhase.Failed or RunPhase.NotStarted))
        {
            return;
        }

        _timer?.Dispose();
        if (warmUp.Phase != RunPhase.Completed)
        {
            LogWarmUpFailed(logger, RunId, warmUp.Error ?? "lost with its silo");
        }

        try
        {
            await BeginAsync(scenario, RunKind.Measured);
        }
        catch (Exception e)
        {
            _phase = RunPhase.Failed;
            _endedAtSeconds ??= EmulatedSecondsNow;
            _error = $"the run could not begin after its warm-up: {e.Message}";
            LogNotBegun(logger, e, RunId);
            await CheckpointAsync();
        }
    }

    /// <summary>Creates the run's subnets and nodes and begins its workload.</summary>
    private async Task<RunProgress> BeginAsync(ScenarioSpec scenario, RunKind kind)
    {
        _kind = kind;
        var plans = scenario.Subnets.Select(SubnetPlan.From).ToList();
        var registry = GrainFactory.GetGrain<IRegistryGrain>(RunId);
        await Task.Run(() => Nodes.NodeCertificates.Prepare(plans.SelectMany(p => p.Nodes)));
        await registry.CreateSubnetsAsync(plans.Select(NodeConfigurator.SubnetFor).ToList());

        var totalNodes = plans.Sum(p => p.Nodes.Count);
        var clock = new RunClock(wall.GetUtcNow() + SetUpLead + TimeSpan.FromMilliseconds(totalNodes), scenario.TimeScale);
        _pausesExcludedAtStart = PausesExcluded;
        var configurator = Configurator(scenario, clock);
        var configurations = new List<Task>(totalNodes);
        foreach (var plan in plans)
        {
            for (var i = 0; i < plan.Nodes.Count; i++)
            {
                configurations.Add(Node(plan.Nodes[i]).ConfigureAsync(configurator.For(plan, i)));
            }
        }

        await Task.WhenAll(configurations);
        if (kind == RunKind.Measured && wall.GetUtcNow() - clock.EpochUtc is { Ticks: > 0 } overrun)
        {
            LogSetUpOverran(logger, RunId, totalNodes, overrun.TotalMilliseconds);
        }

        _scenario = scenario;
        _plans = plans;
        _clock = clock;
        _configurator = configurator;
        _workload = new WorkloadGenerator(scenario, plans);
        _faults = new FaultInjector(GrainFactory, RunId, scenario, plans, configurator, logger);
        _createdPerSubnet = new long[plans.Count];
        _phase = RunPhase.Running;
        await CheckpointAsync();
        _timer = this.RegisterGrainTimer(OnTickAsync, new GrainTimerCreationOptions(TimeSpan.Zero, TickPeriod) { KeepAlive = true });
        LogStarted(logger, RunId, scenario.Name, scenario.Protocol, totalNodes, kind);
        if (kind == RunKind.Measured)
        {
            await AddToRunListAsync(scenario, clock.EpochUtc);
        }

        return Progress();
    }

    /// <summary>Puts the run in the cluster's run list, or moves it to the end with <paramref name="startedAtUtc"/>.</summary>
    private Task AddToRunListAsync(ScenarioSpec scenario, DateTimeOffset startedAtUtc) =>
        GrainFactory.GetGrain<IRunIndexGrain>(IRunIndexGrain.Key)
            .AddAsync(new RunListing(RunId, scenario.Name, scenario.Protocol, startedAtUtc, scenario.Subnets.Select(s => s.Id).ToList()));

    public Task<RunProgress> GetProgressAsync() => Task.FromResult(Progress());

    public Task<RunReport?> GetReportAsync() => Task.FromResult(_report);

    public Task<IReadOnlyList<ArtifactRow>> GetArtifactRowsAsync() => Task.FromResult(_rows);

    public async Task StopAsync()
    {
        if (_phase is RunPhase.Running or RunPhase.Draining)
        {
            await FinishAsync(EmulatedSecondsNow);
        }
        else if (_phase == RunPhase.WarmingUp)
        {
            // Nothing of the scenario ran, so there is nothing to report on: the run ends failed, saying why.
            _timer?.Dispose();
            _phase = RunPhase.Failed;
            _error = "stopped during its warm-up, before its scenario began";
            await CheckpointAsync();
            try
            {
                await GrainFactory.GetGrain<IRunGrain>(_warmUpRunId!).StopAsync();
            }
            catch (Exception e)
            {
                // The run has stopped all the same; a warm-up that cannot be told ends by itself in seconds.
                LogWarmUpNotStopped(logger, e, RunId);
            }
        }
    }

    public Task<NodeConfiguration?> GetNodeConfigurationAsync(NodeId node)
    {
        if (_phase is (RunPhase.Running or RunPhase.Draining) && _configurator is { } configurator)
        {
            foreach (var plan in _faults?.Plans ?? _plans)
            {
                for (var i = 0; i < plan.Nodes.Count; i++)
                {
                    if (plan.Nodes[i] == node)
                    {
                        return Task.FromResult<NodeConfiguration?>(configurator.For(plan, i));
                    }
                }
            }
        }

        return Task.FromResult<NodeConfiguration?>(null);
    }

    public Task ReportNodeRestoredAsync(NodeId node)
    {
        if (!_nodesRestored)
        {
            _nodesRestored = true;
            LogNodeRestored(logger, RunId, node.Value);
        }

        return Task.CompletedTask;
    }

    public Task ReportProgressAsync(SiloProgress progress)
    {
        if (_phase is RunPhase.Running or RunPhase.Draining)
        {
            _deliveries += progress.Deliveries;
            _lag.Merge(progress.Lag);
            if (_clock is { } clock)
            {
                // A report counts the lag of the interval before it: it goes in the slice of that interval's middle.
                var interval = options.Value.ProgressInterval.TotalSeconds / clock.TimeScale;
                _timeline ??= new LagTimeline(2 * interval);
                _timeline.Add((clock.EmulatedMs(wall.GetUtcNow()) / 1000) - (interval / 2), progress.Lag);
            }
        }

        return Task.CompletedTask;
    }

    private async Task OnTickAsync(CancellationToken cancellationToken)
    {
        if (_clock is null || _workload is null || _scenario is null)
        {
            return;
        }

        var now = _clock.EmulatedMs(wall.GetUtcNow());
        if (_faults is not null && _phase is RunPhase.Running or RunPhase.Draining)
        {
            await ApplyFaultsAsync(_faults, now);
        }

        if (_phase == RunPhase.Running)
        {
            SubmitDue(now);

            if (now >= _workload.DurationMs)
            {
                _phase = RunPhase.Draining;
            }
        }
        else if (_phase == RunPhase.Draining)
        {
            var drainEnd = _workload.DurationMs + (_scenario.DrainSeconds * 1000);
            // A node that lost its state receives again what it had: the count of deliveries no longer tells when all arrived.
            var allDelivered = _scenario.Workload?.Consensus is null && _deliveries >= _expected && _faults?.HasPending != true && !_nodesRestored;
            if (now >= drainEnd || allDelivered)
            {
                await FinishAsync();
                return;
            }
        }

        if (_phase is RunPhase.Running or RunPhase.Draining && wall.GetUtcNow() - _checkpointedAt >= CheckpointPeriod)
        {
            _submittedUpToMs = Math.Min(now, _workload.DurationMs);
            await CheckpointAsync();
        }
    }

    private NodeConfigurator Configurator(ScenarioSpec scenario, RunClock clock)
    {
        GossipProtocols.TryParse(scenario.Protocol, out var protocol);
        var gossip = (scenario.Gossip ?? GossipSettings.Default) with { Priorities = scenario.Priorities };
        return new NodeConfigurator(RunId, scenario, protocol, gossip, clock, _kind);
    }

    /// <summary>
    /// Stores the run as it is now. When another activation of this run has stored it since (two activations after a
    /// silo was declared dead), this one's write is refused: it stops driving the run and leaves it to the other. A
    /// warm-up run stores nothing, since nothing resumes it and its writes would load the cluster's storage while a silo
    /// warms up; it puts its record through the serializer instead (<see cref="WarmUpWire"/>).
    /// </summary>
    private async Task CheckpointAsync()
    {
        _checkpointedAt = wall.GetUtcNow();
        var next = new RunRecord
        {
            Scenario = _scenario,
            Clock = _clock,
            Phase = _phase,
            Error = _error,
            SubmittedUpToMs = _submittedUpToMs,
            Created = _created,
            Expected = _expected,
            Deliveries = _deliveries,
            CreatedPerSubnet = [.. _createdPerSubnet],
            Faults = _faults?.Events.ToList() ?? [],
            Report = _report,
            Rows = [.. _rows],
            NodesRestored = _nodesRestored,
            WarmUpRunId = _warmUpRunId,
            EndedAtSeconds = _endedAtSeconds,
        };
        if (_kind == RunKind.WarmUp)
        {
            warmUpWire.RoundTrip(next);
            return;
        }

        record.State = next;
        try
        {
            await record.WriteStateAsync();
        }
        catch (Orleans.Storage.InconsistentStateException e)
        {
            LogSuperseded(logger, e, RunId);
            _timer?.Dispose();
            _phase = RunPhase.Failed;
            _endedAtSeconds ??= EmulatedSecondsNow;
            _error = e.Message;
            DeactivateOnIdle();
        }
    }

    /// <summary>
    /// Applies the faults due by <paramref name="now"/>. A node added to a subnet should receive what the subnet made
    /// before it joined too (it catches up), so each raises the expected deliveries by that many.
    /// </summary>
    private async Task ApplyFaultsAsync(FaultInjector faults, double now)
    {
        await faults.ApplyDueAsync(now);
        for (var s = 0; s < faults.Plans.Count && s < _plans.Count; s++)
        {
            _expected += (faults.Plans[s].Nodes.Count - _plans[s].Nodes.Count) * _createdPerSubnet[s];
        }

        _plans = faults.Plans.ToList();
    }

    /// <summary>
    /// Submits the workload's artifacts due by <paramref name="now"/>, each at its node or, when that node is down or
    /// removed, at the next honest one that runs. Every member that runs when an artifact is made, or is down and due to
    /// restart, should receive it.
    /// </summary>
    private void SubmitDue(double now)
    {
        foreach (var planned in _workload!.TakeDue(now))
        {
            var node = _faults is null ? planned.Node : _faults.EntryFor(planned.Subnet, planned.Node);
            if (node is not { } entry)
            {
                continue;
            }

            _ = Node(entry).SubmitAsync(planned.Artifact);
            _created++;
            _createdPerSubnet[planned.Subnet]++;
            _expected += (_faults?.ExpectedReceivers(planned.Subnet) ?? _plans[planned.Subnet].Nodes.Count) - 1;
        }
    }

    private INodeGrain Node(NodeId node)
    {
        if (!_nodes.TryGetValue(node, out var grain))
        {
            grain = GrainFactory.GetNode(RunId, node);
            _nodes[node] = grain;
        }

        return grain;
    }

    /// <summary>Builds the report from the nodes' logs; <paramref name="stoppedAtSeconds"/> when the run was stopped early.</summary>
    private async Task FinishAsync(double? stoppedAtSeconds = null)
    {
        _phase = RunPhase.Reporting;
        _endedAtSeconds ??= EmulatedSecondsNow;
        _timer?.Dispose();
        try
        {
            var pausesExcluded = (PausesExcluded - _pausesExcludedAtStart).TotalSeconds;
            var wallSeconds = (wall.GetUtcNow() - _clock!.EpochUtc).TotalSeconds + pausesExcluded;
            var subnets = new List<SubnetReport>();
            var rows = new List<ArtifactRow>();
            long deliveries = 0;
            foreach (var plan in _plans)
            {
                var logs = await Task.WhenAll(plan.Nodes.Select(n => Node(n).GetRunLogAsync()));
                deliveries += logs.Sum(l => l.Deliveries.Count);
                subnets.Add(ReportBuilder.BuildSubnet(plan.Id, logs, _scenario!.DurationSeconds, rows));
            }

            _report = new RunReport
            {
                Scenario = _scenario!.Name,
                RunId = RunId,
                Protocol = _scenario.Protocol,
                Seed = _scenario.Seed,
                TimeScale = _scenario.TimeScale,
                DurationSeconds = _scenario.DurationSeconds,
                StoppedAtSeconds = stoppedAtSeconds is { } stopped ? Math.Round(stopped, 3) : null,
                Subnets = subnets,
                Faults = _faults?.Events.ToList() ?? [],
                Emulator = EmulatorFigures(deliveries, wallSeconds, pausesExcluded),
            };
            _rows = rows;
            _phase = RunPhase.Completed;
            LogCompleted(logger, RunId, deliveries, wallSeconds);
        }
        catch (Exception e)
        {
            _error = e.Message;
            _phase = RunPhase.Failed;
            LogFailed(logger, e, RunId);
        }

        await EndNodesAsync();
        try
        {
            await CheckpointAsync();
        }
        catch (Exception e)
        {
            LogNotStored(logger, e, RunId);
        }

        foreach (var exporter in _phase == RunPhase.Completed && _kind == RunKind.Measured ? exporters : [])
        {
            try
            {
                await exporter.ExportAsync(_report!, _rows);
            }
            catch (Exception e)
            {
                LogNotExported(logger, e, RunId);
            }
        }
    }

    /// <summary>Tells every node of the run, those faults added too, that it is over, so that none goes on working.</summary>
    private async Task EndNodesAsync()
    {
        try
        {
            await Task.WhenAll((_faults?.Plans ?? _plans).SelectMany(p => p.Nodes).Select(n => Node(n).EndAsync()));
        }
        catch (Exception e)
        {
            LogNodesNotEnded(logger, e, RunId);
        }
    }

    /// <summary>The collector's pauses the emulator's clock has left out on this silo, if it leaves them out.</summary>
    private TimeSpan PausesExcluded => wall is PauseExcludingClock clock ? clock.Excluded : TimeSpan.Zero;

    private EmulatorReport EmulatorFigures(long deliveries, double wallSeconds, double pausesExcluded)
    {
        var lagMs = LagMsP99;
        var lagging = lagMs > options.Value.LagWarningMs;
        var suggestion = Math.Ceiling(_clock!.TimeScale * Math.Max(2, lagMs / options.Value.LagWarningMs));
        return new EmulatorReport
        {
            Deliveries = deliveries,
            WallSeconds = wallSeconds,
            DeliveriesPerSecond = wallSeconds > 0 ? deliveries / wallSeconds : 0,
            LagMsP99 = lagMs,
            Lagging = lagging,
            NodesRestored = _nodesRestored,
            CollectorPausesExcludedSeconds = pausesExcluded,
            LagWarningMs = options.Value.LagWarningMs,
            LagTimeline = _timeline?.ToSlices(_clock.TimeScale) ?? [],
            Warning = lagging
                ? $"The emulator fell behind: nodes took their deliveries {lagMs:F1} ms late (p99, emulated), above {options.Value.LagWarningMs} ms, so latencies are skewed. Rerun with a larger timeScale, e.g. {suggestion}."
                : null,
        };
    }

    private RunProgress Progress() => new(
        RunId,
        _phase,
        _endedAtSeconds ?? EmulatedSecondsNow,
        _scenario?.DurationSeconds ?? 0,
        _created,
        _deliveries,
        ExpectedDeliveries,
        LagMsP99,
        options.Value.LagWarningMs,
        _error);

    /// <summary>How far into the run its clock is now, in emulated seconds; 0 before it starts.</summary>
    private double EmulatedSecondsNow => _clock is null ? 0 : _clock.ElapsedMs(wall.GetUtcNow()) / 1000;

    /// <summary>How late nodes took their deliveries so far (p99, emulated ms).</summary>
    private double LagMsP99 => _clock is null ? 0 : _lag.Percentile(0.99) / _clock.TimeScale;

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} started: scenario {Scenario}, protocol {Protocol}, {Nodes} nodes, a {Kind} run")]
    private static partial void LogStarted(ILogger logger, string runId, string scenario, string protocol, int nodes, RunKind kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} warms up first: {Seconds} emulated seconds of run {WarmUpRunId}")]
    private static partial void LogWarmingUp(ILogger logger, string runId, string warmUpRunId, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId} could not begin after its warm-up")]
    private static partial void LogNotBegun(ILogger logger, Exception exception, string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: its {Nodes} nodes were set up {OverrunMs:F0} ms after its clock started; messages to the last of them may read late at first")]
    private static partial void LogSetUpOverran(ILogger logger, string runId, int nodes, double overrunMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: its warm-up run could not be stopped with it")]
    private static partial void LogWarmUpNotStopped(ILogger logger, Exception exception, string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: its warm-up failed ({Error}); the run begins without it")]
    private static partial void LogWarmUpFailed(ILogger logger, string runId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: not every node could be told that the run is over; those may go on working")]
    private static partial void LogNodesNotEnded(ILogger logger, Exception exception, string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} completed: {Deliveries} deliveries in {WallSeconds:F1} wall seconds")]
    private static partial void LogCompleted(ILogger logger, string runId, long deliveries, double wallSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} resumed from its checkpoint at {AtSeconds:F1} emulated seconds: its silo had stopped")]
    private static partial void LogResumed(ILogger logger, string runId, double atSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: node {Node} lost its state with its silo and resumed elsewhere; the run drains to its end")]
    private static partial void LogNodeRestored(ILogger logger, string runId, string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: another activation has stored the run since this one; this one stops")]
    private static partial void LogSuperseded(ILogger logger, Exception exception, string runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId}: its record could not be stored")]
    private static partial void LogNotStored(ILogger logger, Exception exception, string runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId}: its report could not be exported")]
    private static partial void LogNotExported(ILogger logger, Exception exception, string runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId} failed while reporting")]
    private static partial void LogFailed(ILogger logger, Exception exception, string runId);
}
