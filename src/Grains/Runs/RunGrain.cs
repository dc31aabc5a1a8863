using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Reports;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Grains.Engine;
using OrleansGossip.Grains.Hosting;

namespace OrleansGossip.Grains.Runs;

/// <summary>
/// Runs one scenario: registers its subnets in a registry of the run's own, configures every node, then coordinates
/// each subnet's windows of emulated time (<see cref="SubnetCoordinator"/>): before a window it sends the nodes the
/// workload, faults and outside events due in it, as controls at their exact times, asks every silo with nodes of the
/// subnet to take the window, and waits for the wall clock only to keep the run's pace. Once every subnet has drained,
/// it gathers the nodes' logs into the report.
/// </summary>
public sealed partial class RunGrain(
    [FromKeyedServices(EmulatorClock.Key)] TimeProvider wall,
    IOptions<EmulatorOptions> options,
    SiloEngine engine,
    ILogger<RunGrain> logger,
    IEnumerable<IRunReportExporter> exporters,
    [PersistentState("run", EmulatorStorage.Runs)] IPersistentState<RunRecord> record) : Grain, IRunGrain
{
    /// <summary>How often a running run stores a checkpoint of its progress (wall time).</summary>
    private static readonly TimeSpan CheckpointPeriod = TimeSpan.FromSeconds(2);

    private ScenarioSpec? _scenario;
    private IReadOnlyList<SubnetPlan> _plans = [];
    private SubnetCoordinator[] _subnets = [];
    private WorkloadGenerator? _workload;
    private FaultInjector? _faults;
    private ControlSender? _controls;
    private RunClock? _clock;

    /// <summary>What each node is set up with, once the run goes on; a node activated again resumes with it.</summary>
    private NodeConfigurator? _configurator;

    /// <summary>The outside events of the run so far, and those of a replayed log still to land, per subnet.</summary>
    private readonly List<RunEvent> _events = [];
    private List<RunEvent>[] _toReplay = [];

    private IGrainTimer? _timer;
    private Task? _driving;
    private RunPhase _phase = RunPhase.NotStarted;
    private long _created;
    private string? _error;
    private RunReport? _report;
    private IReadOnlyList<ArtifactRow> _rows = [];
    private bool _nodesRestored;
    private bool _stopping;
    private int _subnetsPastWorkload;
    private DateTimeOffset _wallStart;

    /// <summary>The emulated time at which the run ended (began reporting, failed); its progress stays there after.</summary>
    private double? _endedAtSeconds;

    private string RunId => this.GetPrimaryKeyString();

    /// <summary>
    /// The deliveries the workload's artifacts call for, or 0 when unknown: with consensus, the nodes make blocks and
    /// shares the run does not count, while every delivery counts, so no share of an expectation can be given.
    /// </summary>
    private long ExpectedDeliveries => _scenario?.Workload?.Consensus is null ? _subnets.Sum(s => s.Expected) : 0;

    /// <summary>
    /// Takes up the stored record: a completed run answers its report again; a run that was going on when its silo
    /// stopped goes on from its last checkpoint (its workload from there, its faults recorded so far), with its nodes
    /// where they now run.
    /// </summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stored = record.State;
        if (stored.Scenario is not { } scenario || stored.Clock is not { } clock)
        {
            return Task.CompletedTask;
        }

        _scenario = scenario;
        _clock = clock;
        _created = stored.Created;
        _error = stored.Error;
        _report = stored.Report;
        _rows = stored.Rows;
        _nodesRestored = stored.NodesRestored;
        _events.AddRange(stored.Events);
        _endedAtSeconds = stored.EndedAtSeconds ?? (stored.Phase is RunPhase.Completed or RunPhase.Failed ? stored.SubmittedUpToMs / 1000 : null);
        _plans = scenario.Subnets.Select(SubnetPlan.From).ToList();
        if (stored.Phase is RunPhase.Completed or RunPhase.Failed)
        {
            _phase = stored.Phase;
            return Task.CompletedTask;
        }

        // Running, draining, or stopped while reporting: go on from the checkpoint, and report again at the end.
        _nodesRestored = true;
        Prepare(scenario, clock, _plans);
        _workload!.Skip(stored.SubmittedUpToMs);
        _faults!.Resume(stored.Faults, stored.SubmittedUpToMs);
        var resumeTicks = VirtualClock.TicksAtOrAfter(stored.SubmittedUpToMs);
        foreach (var subnet in _subnets)
        {
            subnet.Reach(subnet.NextNodeTicks = subnet.WindowStartOf(resumeTicks));
            subnet.Created = stored.CreatedPerSubnet.ElementAtOrDefault(subnet.Index);
        }

        _phase = stored.Phase == RunPhase.Running ? RunPhase.Running : RunPhase.Draining;
        Drive(findSilos: true);
        LogResumed(logger, RunId, stored.SubmittedUpToMs / 1000);
        return Task.CompletedTask;
    }

    public async Task<RunProgress> StartAsync(ScenarioSpec scenario, IReadOnlyList<RunEvent>? replay = null)
    {
        if (_phase != RunPhase.NotStarted)
        {
            throw new InvalidOperationException($"run '{RunId}' has already been started");
        }

        if (RunId.Contains('/'))
        {
            throw new ArgumentException($"run id '{RunId}' must not contain '/'");
        }

        var problems = ScenarioValidator.Validate(scenario);
        if (problems.Count == 0 && replay is not null)
        {
            problems = ReplayValidator.Validate(scenario, replay);
        }

        if (problems.Count > 0)
        {
            throw new ScenarioException(null, problems);
        }

        var plans = scenario.Subnets.Select(SubnetPlan.From).ToList();
        var registry = GrainFactory.GetGrain<IRegistryGrain>(RunId);
        await Task.Run(() => Nodes.NodeCertificates.Prepare(plans.SelectMany(p => p.Nodes)));
        await registry.CreateSubnetsAsync(plans.Select(NodeConfigurator.SubnetFor).ToList());

        Prepare(scenario, new RunClock(wall.GetUtcNow(), scenario.TimeScale), plans);
        var configurations = new List<Task>();
        foreach (var subnet in _subnets)
        {
            for (var i = 0; i < subnet.Plan.Nodes.Count; i++)
            {
                configurations.Add(ConfigureNodeAsync(subnet.Index, subnet.Plan, i));
            }
        }

        await Task.WhenAll(configurations);
        await _controls!.SendAsync(_subnets.SelectMany(s => s.Plan.Nodes), 0, new StartNode());
        // In time order, and those at one time in the order they were logged: a stable sort.
        foreach (var replayed in (replay ?? []).OrderBy(e => e.AtMs))
        {
            _toReplay[SubnetOf(replayed)].Add(replayed);
        }

        _phase = RunPhase.Running;
        await CheckpointAsync();
        await GrainFactory.GetGrain<IRunIndexGrain>(IRunIndexGrain.Key)
            .AddAsync(new RunListing(RunId, scenario.Name, scenario.Protocol, _clock!.EpochUtc, scenario.Subnets.Select(s => s.Id).ToList()));
        LogStarted(logger, RunId, scenario.Name, scenario.Protocol, _subnets.Sum(s => s.Plan.Nodes.Count), _subnets.SelectMany(s => s.Silos).Distinct().Count());
        Drive();

        // Its nodes have started (taken their peers) once each subnet took its first window.
        await Task.WhenAll(_subnets.Select(s => s.WhenPastAsync(0)));
        return Progress();
    }

    /// <summary>Everything a run needs before its nodes are configured, whether it starts or resumes.</summary>
    private void Prepare(ScenarioSpec scenario, RunClock clock, IReadOnlyList<SubnetPlan> plans)
    {
        _scenario = scenario;
        _clock = clock;
        _plans = plans;
        GossipProtocols.TryParse(scenario.Protocol, out var protocol);
        var gossip = (scenario.Gossip ?? GossipSettings.Default) with { Priorities = scenario.Priorities };
        _configurator = new NodeConfigurator(RunId, scenario, protocol, gossip, clock, options.Value.DeliveryTick);
        _subnets = plans.Select((plan, s) => new SubnetCoordinator(s, plan, _configurator.WindowTicks(plan))).ToArray();
        _toReplay = plans.Select(_ => new List<RunEvent>()).ToArray();
        _controls = new ControlSender(GrainFactory, RunId);
        _workload = new WorkloadGenerator(scenario, plans);
        _faults = new FaultInjector(GrainFactory, RunId, scenario, plans, _controls, ConfigureNodeAsync, logger);
    }

    /// <summary>Configures the node at <paramref name="index"/> of a subnet's plan into the run, and takes its silo into the subnet's.</summary>
    private async Task ConfigureNodeAsync(int subnet, SubnetPlan plan, int index)
    {
        var silo = await GrainFactory.GetNode(RunId, plan.Nodes[index]).ConfigureAsync(_configurator!.For(plan, index));
        _subnets[subnet].Silos.Add(silo);
    }

    /// <summary>
    /// Drives every subnet on its own, then reports, unless the run was stopped (which reports itself). A resumed run
    /// first asks each node where it runs (<paramref name="findSilos"/>), which resumes those whose silo is gone: once it
    /// is active, since such a node asks the run for its configuration while it activates.
    /// </summary>
    private void Drive(bool findSilos = false)
    {
        // A resumed run keeps its pace from where it is, not from its start.
        _wallStart = wall.GetUtcNow() - TimeSpan.FromTicks((long)(ReachedMs * TimeSpan.TicksPerMillisecond * _scenario!.TimeScale));
        _timer = this.RegisterGrainTimer(OnCheckpointAsync, new GrainTimerCreationOptions(CheckpointPeriod, CheckpointPeriod) { KeepAlive = true });
        _driving = DriveAllAsync(findSilos);
    }

    private async Task DriveAllAsync(bool findSilos)
    {
        try
        {
            if (findSilos)
            {
                await Task.Yield();
                foreach (var subnet in _subnets)
                {
                    var silos = await Task.WhenAll(subnet.Plan.Nodes.Select(n => GrainFactory.GetNode(RunId, n).GetSiloAsync()));
                    subnet.Silos.UnionWith(silos);
                }
            }

            await Task.WhenAll(_subnets.Select(DriveAsync));
        }
        catch (Exception e)
        {
            _error = e.Message;
            LogDriveFailed(logger, e, RunId);
        }

        if (!_stopping)
        {
            await FinishAsync();
        }
    }

    public Task<RunProgress> GetProgressAsync() => Task.FromResult(Progress());

    public Task<RunReport?> GetReportAsync() => Task.FromResult(_report);

    public Task<IReadOnlyList<ArtifactRow>> GetArtifactRowsAsync() => Task.FromResult(_rows);

    public Task<IReadOnlyList<RunEvent>> GetEventsAsync() => Task.FromResult<IReadOnlyList<RunEvent>>([.. _events]);

    public async Task StopAsync()
    {
        if (_phase is RunPhase.Running or RunPhase.Draining && !_stopping)
        {
            _stopping = true;
            var stoppedAt = EmulatedSecondsNow;
            foreach (var subnet in _subnets)
            {
                subnet.Wake();
            }

            if (_driving is { } driving)
            {
                await driving;
            }

            await FinishAsync(stoppedAt);
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

    public Task ReportNodeRestoredAsync(NodeId node, string silo)
    {
        foreach (var subnet in _subnets)
        {
            if (subnet.Plan.IndexOf(node) >= 0)
            {
                // Its start lands at the subnet's next window, as an outside event would.
                subnet.Silos.Add(silo);
                LandingTicks(subnet);
            }
        }

        if (!_nodesRestored)
        {
            _nodesRestored = true;
            LogNodeRestored(logger, RunId, node.Value);
        }

        return Task.CompletedTask;
    }

    private async Task OnCheckpointAsync(CancellationToken cancellationToken)
    {
        if (_phase is RunPhase.Running or RunPhase.Draining)
        {
            await CheckpointAsync();
        }
    }

    /// <summary>
    /// Stores the run as it is now. When another activation of this run has stored it since (two activations after a
    /// silo was declared dead), this one's write is refused: it stops driving the run and leaves it to the other.
    /// </summary>
    private async Task CheckpointAsync()
    {
        record.State = new RunRecord
        {
            Scenario = _scenario,
            Clock = _clock,
            Phase = _phase,
            Error = _error,
            SubmittedUpToMs = ReachedMs,
            Created = _created,
            Expected = ExpectedDeliveries,
            Deliveries = _subnets.Sum(s => s.Deliveries),
            CreatedPerSubnet = _subnets.Select(s => s.Created).ToArray(),
            Faults = _faults?.Events.ToList() ?? _report?.Faults.ToList() ?? [],
            Report = _report,
            Rows = [.. _rows],
            NodesRestored = _nodesRestored,
            EndedAtSeconds = _endedAtSeconds,
            Events = [.. _events],
        };
        try
        {
            await record.WriteStateAsync();
        }
        catch (Orleans.Storage.InconsistentStateException e)
        {
            LogSuperseded(logger, e, RunId);
            _timer?.Dispose();
            _stopping = true;
            _phase = RunPhase.Failed;
            _endedAtSeconds ??= EmulatedSecondsNow;
            _error = e.Message;
            DeactivateOnIdle();
        }
    }

    /// <summary>Builds the report from the nodes' logs; <paramref name="stoppedAtSeconds"/> when the run was stopped early.</summary>
    private async Task FinishAsync(double? stoppedAtSeconds = null)
    {
        if (_phase is not (RunPhase.Running or RunPhase.Draining))
        {
            return;
        }

        _phase = RunPhase.Reporting;
        _endedAtSeconds ??= EmulatedSecondsNow;
        _timer?.Dispose();
        var wallSeconds = (wall.GetUtcNow() - _wallStart).TotalSeconds;
        try
        {
            var subnets = new List<SubnetReport>();
            var rows = new List<ArtifactRow>();
            long deliveries = 0;
            foreach (var plan in _faults?.Plans ?? _plans)
            {
                var logs = await Task.WhenAll(plan.Nodes.Select(n => GrainFactory.GetNode(RunId, n).GetRunLogAsync()));
                deliveries += logs.Sum(l => l.Deliveries.Count);
                subnets.Add(ReportBuilder.BuildSubnet(plan.Id, logs, _scenario!.DurationSeconds, rows));
            }

            var emulatedSeconds = _endedAtSeconds.Value;
            _report = new RunReport
            {
                Scenario = _scenario!.Name,
                RunId = RunId,
                Protocol = _scenario.Protocol,
                Seed = _scenario.Seed,
                DurationSeconds = _scenario.DurationSeconds,
                StoppedAtSeconds = stoppedAtSeconds is { } stopped ? Math.Round(stopped, 3) : null,
                Subnets = subnets,
                Faults = _faults?.Events.ToList() ?? [],
                Priorities = _scenario.Priorities,
                Emulator = new EmulatorReport
                {
                    Deliveries = deliveries,
                    WindowMs = _subnets.Length == 0 ? 0 : _subnets.Min(s => s.WindowTicks) / (double)TimeSpan.TicksPerMillisecond,
                    Windows = _subnets.Sum(s => s.Windows),
                    NodesRestored = _nodesRestored,
                },
                Host = new HostReport
                {
                    TimeScale = _scenario.TimeScale,
                    WallSeconds = wallSeconds,
                    DeliveriesPerSecond = wallSeconds > 0 ? deliveries / wallSeconds : 0,
                    Slowdown = emulatedSeconds > 0 ? wallSeconds / emulatedSeconds : 0,
                    Silos = _subnets.SelectMany(s => s.Silos).Distinct().Count(),
                    Machine = $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}",
                },
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

        foreach (var exporter in _phase == RunPhase.Completed ? exporters : [])
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
            await Task.WhenAll((_faults?.Plans ?? _plans).SelectMany(p => p.Nodes).Select(n => GrainFactory.GetNode(RunId, n).EndAsync()));
        }
        catch (Exception e)
        {
            LogNodesNotEnded(logger, e, RunId);
        }
    }

    private RunProgress Progress()
    {
        var emulated = _endedAtSeconds ?? EmulatedSecondsNow;
        var wallSeconds = _phase is RunPhase.Running or RunPhase.Draining ? (wall.GetUtcNow() - _wallStart).TotalSeconds : 0;
        return new RunProgress(
            RunId,
            _phase,
            emulated,
            _scenario?.DurationSeconds ?? 0,
            _created,
            _subnets.Sum(s => s.Deliveries),
            ExpectedDeliveries,
            _report?.Host.Slowdown ?? (emulated > 0 ? wallSeconds / emulated : 0),
            _error);
    }

    /// <summary>The emulated time every subnet has reached, in milliseconds.</summary>
    private double ReachedMs => _subnets.Length == 0 ? 0 : _subnets.Min(s => s.ReachedTicks) / (double)TimeSpan.TicksPerMillisecond;

    /// <summary>How far into the run it is, in emulated seconds: as far as its slowest subnet.</summary>
    private double EmulatedSecondsNow => ReachedMs / 1000;

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} started: scenario {Scenario}, protocol {Protocol}, {Nodes} nodes on {Silos} silo(s)")]
    private static partial void LogStarted(ILogger logger, string runId, string scenario, string protocol, int nodes, int silos);

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

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId} failed while its subnets ran")]
    private static partial void LogDriveFailed(ILogger logger, Exception exception, string runId);
}
