using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Reports;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Grains.Hosting;

namespace OrleansGossip.Grains.Runs;

/// <summary>
/// Runs one scenario: registers its subnets in a registry of the run's own, configures every node on one clock,
/// submits the workload as it falls due, waits for the last artifacts to spread, then gathers the nodes' logs
/// into the report.
/// </summary>
public sealed partial class RunGrain(TimeProvider wall, IOptions<EmulatorOptions> options, ILogger<RunGrain> logger) : Grain, IRunGrain
{
    private static readonly TimeSpan TickPeriod = TimeSpan.FromMilliseconds(20);

    private readonly LagHistogram _lag = new();
    private ScenarioSpec? _scenario;
    private IReadOnlyList<SubnetPlan> _plans = [];
    private WorkloadGenerator? _workload;
    private RunClock? _clock;
    private IGrainTimer? _timer;
    private RunPhase _phase = RunPhase.NotStarted;
    private long _created;
    private long _expected;
    private long _deliveries;
    private string? _error;
    private RunReport? _report;

    private string RunId => this.GetPrimaryKeyString();

    public async Task<RunProgress> StartAsync(ScenarioSpec scenario)
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
        if (problems.Count > 0)
        {
            throw new ScenarioException(null, problems);
        }

        GossipProtocols.TryParse(scenario.Protocol, out var protocol);
        var plans = scenario.Subnets.Select(SubnetPlan.From).ToList();
        var registry = GrainFactory.GetGrain<IRegistryGrain>(RunId);
        foreach (var plan in plans)
        {
            var records = plan.Nodes.Select(n => new NodeRecord(n, plan.Id, "default", Fingerprint(n))).ToList();
            await registry.CreateSubnetAsync(plan.Id, records);
        }

        var totalNodes = plans.Sum(p => p.Nodes.Count);
        var clock = new RunClock(wall.GetUtcNow() + TimeSpan.FromMilliseconds(250 + totalNodes), scenario.TimeScale);
        var gossip = (scenario.Gossip ?? GossipSettings.Default) with { Priorities = scenario.Priorities };
        var configurations = new List<Task>(totalNodes);
        foreach (var plan in plans)
        {
            var network = new NetworkSettings
            {
                UploadMbps = plan.Spec.BandwidthMbps,
                DownloadMbps = plan.Spec.BandwidthMbps,
                LatencyMs = plan.Spec.Link.LatencyMs,
                JitterMs = plan.Spec.Link.JitterMs,
                Loss = plan.Spec.Link.Loss,
            };
            for (var i = 0; i < plan.Nodes.Count; i++)
            {
                var configuration = new NodeConfiguration(RunId, RunId, plan.Nodes[i], plan.Id, protocol, plan.Behaviours[i], network, gossip, clock, scenario.Seed, scenario.Workload?.Consensus);
                configurations.Add(GrainFactory.GetNode(RunId, plan.Nodes[i]).ConfigureAsync(configuration));
            }
        }

        await Task.WhenAll(configurations);

        _scenario = scenario;
        _plans = plans;
        _clock = clock;
        _workload = new WorkloadGenerator(scenario, plans);
        _phase = RunPhase.Running;
        _timer = this.RegisterGrainTimer(OnTickAsync, new GrainTimerCreationOptions(TimeSpan.Zero, TickPeriod) { KeepAlive = true });
        LogStarted(logger, RunId, scenario.Name, scenario.Protocol, totalNodes);
        return Progress();
    }

    public Task<RunProgress> GetProgressAsync() => Task.FromResult(Progress());

    public Task<RunReport?> GetReportAsync() => Task.FromResult(_report);

    public async Task StopAsync()
    {
        if (_phase is RunPhase.Running or RunPhase.Draining)
        {
            await FinishAsync();
        }
    }

    public Task ReportProgressAsync(SiloProgress progress)
    {
        if (_phase is RunPhase.Running or RunPhase.Draining)
        {
            _deliveries += progress.Deliveries;
            _lag.Merge(progress.Lag);
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
        if (_phase == RunPhase.Running)
        {
            foreach (var planned in _workload.TakeDue(now))
            {
                _ = GrainFactory.GetNode(RunId, planned.Node).SubmitAsync(planned.Artifact);
                _created++;
                _expected += _plans[planned.Subnet].Nodes.Count - 1;
            }

            if (now >= _workload.DurationMs)
            {
                _phase = RunPhase.Draining;
            }
        }
        else if (_phase == RunPhase.Draining)
        {
            var drainEnd = _workload.DurationMs + (_scenario.DrainSeconds * 1000);
            var allDelivered = _scenario.Workload?.Consensus is null && _deliveries >= _expected;
            if (now >= drainEnd || allDelivered)
            {
                await FinishAsync();
            }
        }
    }

    private async Task FinishAsync()
    {
        _phase = RunPhase.Reporting;
        _timer?.Dispose();
        try
        {
            var wallSeconds = (wall.GetUtcNow() - _clock!.EpochUtc).TotalSeconds;
            var subnets = new List<SubnetReport>();
            long deliveries = 0;
            foreach (var plan in _plans)
            {
                var logs = await Task.WhenAll(plan.Nodes.Select(n => GrainFactory.GetNode(RunId, n).GetRunLogAsync()));
                deliveries += logs.Sum(l => l.Deliveries.Count);
                subnets.Add(ReportBuilder.BuildSubnet(plan.Id, logs, _scenario!.DurationSeconds));
            }

            _report = new RunReport
            {
                Scenario = _scenario!.Name,
                RunId = RunId,
                Protocol = _scenario.Protocol,
                Seed = _scenario.Seed,
                TimeScale = _scenario.TimeScale,
                DurationSeconds = _scenario.DurationSeconds,
                Subnets = subnets,
                Emulator = EmulatorFigures(deliveries, wallSeconds),
            };
            _phase = RunPhase.Completed;
            LogCompleted(logger, RunId, deliveries, wallSeconds);
        }
        catch (Exception e)
        {
            _error = e.Message;
            _phase = RunPhase.Failed;
            LogFailed(logger, e, RunId);
        }
    }

    private EmulatorReport EmulatorFigures(long deliveries, double wallSeconds)
    {
        var lagMs = _lag.Percentile(0.99) / _clock!.TimeScale;
        var lagging = lagMs > options.Value.LagWarningMs;
        var suggestion = Math.Ceiling(_clock.TimeScale * Math.Max(2, lagMs / options.Value.LagWarningMs));
        return new EmulatorReport
        {
            Deliveries = deliveries,
            WallSeconds = wallSeconds,
            DeliveriesPerSecond = wallSeconds > 0 ? deliveries / wallSeconds : 0,
            LagMsP99 = lagMs,
            Lagging = lagging,
            Warning = lagging
                ? $"The emulator fell behind: scheduled deliveries fired {lagMs:F1} ms late (p99, emulated), above {options.Value.LagWarningMs} ms, so latencies are skewed. Rerun with a larger timeScale, e.g. {suggestion}."
                : null,
        };
    }

    private RunProgress Progress() => new(
        RunId,
        _phase,
        _clock is null ? 0 : Math.Max(0, _clock.EmulatedMs(wall.GetUtcNow()) / 1000),
        _scenario?.DurationSeconds ?? 0,
        _created,
        _deliveries,
        _expected,
        _clock is null ? 0 : _lag.Percentile(0.99) / _clock.TimeScale,
        _error);

    /// <summary>Stands in for a node certificate's fingerprint until nodes have certificates of their own.</summary>
    private static string Fingerprint(NodeId node) =>
        Abstractions.Artifacts.Hash128.Of(System.Text.Encoding.UTF8.GetBytes(node.Value)).ToString();

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} started: scenario {Scenario}, protocol {Protocol}, {Nodes} nodes")]
    private static partial void LogStarted(ILogger logger, string runId, string scenario, string protocol, int nodes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} completed: {Deliveries} deliveries in {WallSeconds:F1} wall seconds")]
    private static partial void LogCompleted(ILogger logger, string runId, long deliveries, double wallSeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId} failed while reporting")]
    private static partial void LogFailed(ILogger logger, Exception exception, string runId);
}
