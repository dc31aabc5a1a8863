using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using OrleansGossip.Cluster.Tests;
using OrleansGossip.Grains.Runs;
using OrleansGossip.Hosting.Tests.Servers;
using OrleansGossip.Silo.Hosting;
using Xunit;

namespace OrleansGossip.Hosting.Tests;

/// <summary>
/// A silo that joins a cluster with a warm-up (<c>silo --warmup</c>) warms itself up: its warm-up runs, their nodes and
/// registries all go on it, none on the silo already there, and it is ready only once the warm-up is over. Then it
/// sends the silo already there batches of each kind of message, as a run's nodes on the two would.
/// </summary>
public sealed class ClusterSiloWarmUpTests
{
    [Fact]
    public async Task A_joining_silo_warms_up_on_itself_alone_and_is_ready_only_after()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var clusterId = $"warm-{Guid.NewGuid():N}"[..20];
        var primaryPort = FreePort.Next();
        var healthPort = FreePort.Next();
        using var first = await HostingSilos.StartSiloAsync(Settings("silo-1", primaryPort, primaryPort, clusterId, warmUpSeconds: 0));
        using var joining = await HostingSilos.StartSiloAsync(
            Settings("silo-2", FreePort.Next(), primaryPort, clusterId, warmUpSeconds: 1),
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Health:Port"] = healthPort.ToString(CultureInfo.InvariantCulture) }).Build());
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{healthPort}"), Timeout = TimeSpan.FromSeconds(10) };
            var warmUp = joining.Services.GetRequiredService<SiloWarmUp>();
            using (var early = await http.GetAsync("/health/ready", cancellation))
            {
                var body = await early.Content.ReadAsStringAsync(cancellation);
                Assert.True(early.StatusCode == HttpStatusCode.ServiceUnavailable, $"ready before the warm-up was over: {body}");
                Assert.Contains("warm-up: Unhealthy", body, StringComparison.Ordinal);
            }

            Assert.NotNull(await warmUp.Completion.WaitAsync(TimeSpan.FromMinutes(2), cancellation));
            await Poll.UntilAsync(
                async () =>
                {
                    using var ready = await http.GetAsync("/health/ready", cancellation);
                    return ready.StatusCode == HttpStatusCode.OK;
                },
                "the silo is ready once warmed up");

            var joiningAddress = joining.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
            var statistics = await first.Grains().GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics(null, null, cancellation);
            var warmUpGrains = statistics.Where(s => s.GrainId.Key.ToString()!.StartsWith("silo-warmup-", StringComparison.Ordinal)).ToList();
            Assert.Contains(warmUpGrains, s => s.GrainType.Contains(".NodeGrain,", StringComparison.Ordinal));
            Assert.Contains(warmUpGrains, s => s.GrainType.Contains(".RunGrain,", StringComparison.Ordinal));
            Assert.All(warmUpGrains, s => Assert.True(s.SiloAddress.Equals(joiningAddress), $"{s.GrainType} {s.GrainId} is on {s.SiloAddress}, not the joining silo"));

            // Once over, it sent the silo already there batches of each kind of message, to one node that runs nothing.
            var firstAddress = first.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
            var wire = joining.Services.GetRequiredService<WarmUpWire>();
            Assert.Equal(wire.Samples.Count * WarmUpWire.Rounds, wire.SentAcross);
            Assert.True(wire.Samples.Count >= 3, $"{wire.Samples.Count} kinds of batch sent across");
            var sinkKey = WarmUpWire.SinkKey(joiningAddress, firstAddress);
            await Poll.UntilAsync(
                async () => (await first.Grains().GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics(null, null, cancellation))
                    .Any(s => s.GrainId.Key.ToString() == sinkKey && s.SiloAddress.Equals(firstAddress) && s.GrainType.Contains(".NodeGrain,", StringComparison.Ordinal)),
                "the batches sent across reached a node on the silo already there");

            // The probes that found it warming up wrote no error line each.
            var healthChecks = joining.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService");
            Assert.False(healthChecks.IsEnabled(LogLevel.Error));
            Assert.True(healthChecks.IsEnabled(LogLevel.Critical));
        }
        finally
        {
            await joining.StopAsync(CancellationToken.None);
            await first.StopAsync(CancellationToken.None);
        }
    }

    private static ClusterSiloSettings Settings(string name, int siloPort, int primaryPort, string clusterId, double warmUpSeconds) => new()
    {
        Name = name,
        SiloPort = siloPort,
        GatewayPort = FreePort.Next(),
        PrimarySiloPort = primaryPort,
        ClusterId = clusterId,
        ServiceId = clusterId,
        Tls = false,
        WarmUpSeconds = warmUpSeconds,
        LogLevel = LogLevel.Warning,
    };
}
