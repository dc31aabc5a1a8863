using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime.Placement;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Grains.Runs;
using OrleansGossip.Silo.Commands;

namespace OrleansGossip.Silo.Hosting;

/// <summary>
/// The warm-up of a silo whose runs come later (<c>serve</c>'s, through the HTTP API; a cluster's, <c>silo</c>): once
/// it has started, a few emulated seconds of every protocol on subnets of their own (<see cref="Scenarios"/>), at time
/// scale 1, as <see cref="RunKind.WarmUp"/> runs that no run list shows. Without it, the first run started on a fresh
/// silo lags in its first second while the runtime compiles the nodes' code again, optimized (see
/// <see cref="WarmUpRun"/>, which does the same for one scenario on the command line). The runs, their nodes and
/// registries are placed on this silo (Orleans' placement hint), so that a silo joining a busy cluster warms itself up
/// and loads no other: once its runs are over it only sends each silo already in the cluster a few batches of each kind
/// of message (<see cref="WarmUpWire.SendAcross"/>), since a run's nodes on different silos send their batches through
/// Orleans' messaging, which a warm-up on one silo does not reach. As a health check it is healthy once the warm-up is
/// over (or there is none), so that a script can wait for it at <c>/healthz</c> and Kubernetes at the readiness probe.
/// </summary>
public sealed partial class SiloWarmUp(
    IGrainFactory grains,
    ILocalSiloDetails silo,
    IClusterMembershipService membership,
    WarmUpWire wire,
    ILogger<SiloWarmUp> logger,
    double seconds) : BackgroundService, IHealthCheck
{
    /// <summary>Enough for each protocol's paths to get hot, few enough to take a few seconds of two cores.</summary>
    public const int SubnetsPerProtocol = 6;

    private static readonly IngressSpec Ingress = new() { RatePerSecond = 100, SizeBytes = 1024, Distribution = "lognormal", MinBytes = 100, MaxBytes = 64 * 1024 };

    private readonly TaskCompletionSource<TimeSpan?> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Emulated seconds of each protocol's workload; 0 for no warm-up.</summary>
    public double Seconds => seconds;

    /// <summary>Completes when the warm-up is over, with the wall time it took; null when there was none or it failed.</summary>
    public Task<TimeSpan?> Completion => _done.Task;

    /// <summary>
    /// What the warm-up runs: one scenario per protocol, <see cref="SubnetsPerProtocol"/> subnets of 13 nodes with
    /// consensus and ingress, and one of the default protocol on a subnet whose blocks come on a clock without
    /// consensus (as the quickstart's do), which takes code of its own.
    /// </summary>
    public static IReadOnlyList<ScenarioSpec> Scenarios(double seconds) =>
    [
        .. GossipProtocols.All.Select(protocol => Scenario(seconds, protocol.WireName(), SubnetsPerProtocol, new WorkloadSpec
        {
            Ingress = Ingress,
            Consensus = new ConsensusSpec(),
        })),
        Scenario(seconds, new ScenarioSpec().Protocol, 1, new WorkloadSpec { Ingress = Ingress, Blocks = new BlockSpec() }),
    ];

    private static ScenarioSpec Scenario(double seconds, string protocol, int subnets, WorkloadSpec workload) => new()
    {
        Name = "silo-warmup",
        Protocol = protocol,
        TimeScale = 1,
        DurationSeconds = seconds,
        DrainSeconds = WarmUpScenario.DrainSeconds,
        Subnets = Enumerable.Range(0, subnets).Select(i => new SubnetSpec
        {
            Id = $"warm{i}",
            Nodes = 13,
            Link = new LinkSpec { Model = "uniform", LatencyMs = 20, JitterMs = 60 },
        }).ToList(),
        Workload = workload,
    };

    /// <summary>
    /// Adds a warm-up of <paramref name="seconds"/> to a silo's host, with its health check (<paramref name="tags"/>);
    /// after <c>UseOrleans</c>, since hosted services start in order and the warm-up needs the silo started.
    /// </summary>
    public static IServiceCollection Add(IServiceCollection services, double seconds, params string[] tags)
    {
        services.AddSingleton(provider => new SiloWarmUp(
            provider.GetRequiredService<IGrainFactory>(),
            provider.GetRequiredService<ILocalSiloDetails>(),
            provider.GetRequiredService<IClusterMembershipService>(),
            provider.GetRequiredService<WarmUpWire>(),
            provider.GetRequiredService<ILogger<SiloWarmUp>>(),
            seconds));
        services.AddHostedService(provider => provider.GetRequiredService<SiloWarmUp>());
        services.AddHealthChecks().AddCheck<SiloWarmUp>("warm-up", tags: tags);
        return services;
    }

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
        // Every grain the warm-up's calls activate goes on this silo; the hint flows with them from the runs to their nodes.
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo.SiloAddress);
        try
        {
            var reports = await Task.WhenAll(Scenarios(seconds).Select(scenario => RunCommand.RunToCompletionAsync(
                grains.GetGrain<IRunGrain>(RunId(scenario)), scenario, new ProgressLine(TextWriter.Null, interactive: false), stoppingToken, RunKind.WarmUp)));
            if (reports.Contains(null))
            {
                LogFailed(logger, null);
                _done.SetResult(null);
                return;
            }

            var others = membership.CurrentSnapshot.Members.Values
                .Where(member => member.Status == SiloStatus.Active && !member.SiloAddress.Equals(silo.SiloAddress))
                .Select(member => member.SiloAddress)
                .ToList();
            var sent = wire.SendAcross(grains, silo.SiloAddress, others);
            LogWarmedUp(logger, took.Elapsed.TotalSeconds);
            if (others.Count > 0)
            {
                LogSentAcross(logger, sent, others.Count);
            }

            _done.SetResult(took.Elapsed);
        }
        catch (Exception e)
        {
            // A silo that could not warm up still serves: its first run pays for the compiling, as before.
            LogFailed(logger, e);
            _done.SetResult(null);
        }
    }

    /// <summary>The id of a warm-up run: made unique, since silos that join a cluster together warm up at the same time.</summary>
    private static string RunId(ScenarioSpec scenario) => $"{RunCommand.NewRunId(scenario)}-{Guid.NewGuid():N}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Warmed up in {Seconds:F1} wall s")]
    private static partial void LogWarmedUp(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Batches} warm-up batches to {Silos} other silos")]
    private static partial void LogSentAcross(ILogger logger, int batches, int silos);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The warm-up did not complete; the silo serves without it")]
    private static partial void LogFailed(ILogger logger, Exception? exception);
}
