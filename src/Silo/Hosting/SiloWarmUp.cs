using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Silo.Commands;

namespace OrleansGossip.Silo.Hosting;

/// <summary>
/// The warm-up of <c>serve</c>'s silo, whose runs come later through the HTTP API: once it has started, a few emulated
/// seconds of every protocol on subnets of their own, consensus and ingress, at time scale 1, as
/// <see cref="RunKind.WarmUp"/> runs that no run list shows. Without it, the first run started on a fresh silo lags in its
/// first second while the runtime compiles the nodes' code again, optimized (see <see cref="WarmUpRun"/>, which does the
/// same for one scenario on the command line). A silo of a cluster does not warm up so: it places nodes across the
/// cluster, and a silo joining a busy cluster would load the silos that run others' runs. As a health check it is
/// healthy once the warm-up is over (or there is none), so that a script can wait for it at <c>/healthz</c>.
/// </summary>
public sealed partial class SiloWarmUp(IGrainFactory grains, ILogger<SiloWarmUp> logger, double seconds) : BackgroundService, IHealthCheck
{
    /// <summary>Enough for each protocol's paths to get hot, few enough to take a few seconds of two cores.</summary>
    public const int SubnetsPerProtocol = 6;

    private readonly TaskCompletionSource<TimeSpan?> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Emulated seconds of each protocol's workload; 0 for no warm-up.</summary>
    public double Seconds => seconds;

    /// <summary>Completes when the warm-up is over, with the wall time it took; null when there was none or it failed.</summary>
    public Task<TimeSpan?> Completion => _done.Task;

    /// <summary>What the warm-up runs: one scenario per protocol, <see cref="SubnetsPerProtocol"/> subnets of 13 nodes.</summary>
    public static IReadOnlyList<ScenarioSpec> Scenarios(double seconds) =>
        GossipProtocols.All.Select(protocol => new ScenarioSpec
        {
            Name = "silo-warmup",
            Protocol = protocol.WireName(),
            TimeScale = 1,
            DurationSeconds = seconds,
            DrainSeconds = WarmUpScenario.DrainSeconds,
            Subnets = Enumerable.Range(0, SubnetsPerProtocol).Select(i => new SubnetSpec
            {
                Id = $"warm{i}",
                Nodes = 13,
                Link = new LinkSpec { Model = "uniform", LatencyMs = 20, JitterMs = 60 },
            }).ToList(),
            Workload = new WorkloadSpec
            {
                Ingress = new IngressSpec { RatePerSecond = 100, SizeBytes = 1024, Distribution = "lognormal", MinBytes = 100, MaxBytes = 64 * 1024 },
                Consensus = new ConsensusSpec(),
            },
        }).ToList();

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Completion.IsCompleted
            ? HealthCheckResult.Healthy(seconds > 0 ? "warmed up" : "no warm-up")
            : HealthCheckResult.Unhealthy("warming up"));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (seconds <= 0)
        {
            _done.SetResult(null);
            return;
        }

        var took = Stopwatch.StartNew();
        try
        {
            var reports = await Task.WhenAll(Scenarios(seconds).Select(scenario => RunCommand.RunToCompletionAsync(
                grains.GetGrain<IRunGrain>(RunCommand.NewRunId(scenario)), scenario, new ProgressLine(TextWriter.Null, interactive: false), stoppingToken, RunKind.WarmUp)));
            if (reports.Contains(null))
            {
                LogFailed(logger, null);
                _done.SetResult(null);
                return;
            }

            LogWarmedUp(logger, took.Elapsed.TotalSeconds);
            _done.SetResult(took.Elapsed);
        }
        catch (Exception e)
        {
            // A silo that could not warm up still serves: its first run pays for the compiling, as before.
            LogFailed(logger, e);
            _done.SetResult(null);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Warmed up in {Seconds:F1} wall s")]
    private static partial void LogWarmedUp(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The warm-up did not complete; the silo serves without it")]
    private static partial void LogFailed(ILogger logger, Exception? exception);
}
