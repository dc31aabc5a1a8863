using Microsoft.Extensions.Hosting;
using Orleans.Runtime;
using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Reports;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Cluster.Tests;
using OrleansGossip.Hosting.Clustering;
using OrleansGossip.Hosting.Tests.Servers;
using Xunit;

namespace OrleansGossip.Hosting.Tests;

/// <summary>
/// Three silo processes on Redis clustering with grain state in blobs (Azurite): one is killed in the middle of a run.
/// The run completes, and every artifact reaches every node, those of the dead silo included: they resume on the
/// other silos with the configuration their run gives them (the run itself resuming from its record) and catch up from
/// their peers.
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class SiloFailoverTests(RedisServer redis, AzuriteServer azurite) : IClassFixture<RedisServer>, IClassFixture<AzuriteServer>
{
    private const int Nodes = 13;

    [Fact]
    public async Task A_run_survives_the_death_of_a_silo_process_and_every_artifact_reaches_every_node()
    {
        var clusterId = $"failover-{Guid.NewGuid():N}"[..24];
        var environment = new Dictionary<string, string>
        {
            ["Clustering__Provider"] = "redis",
            ["Clustering__ConnectionString"] = redis.ConnectionString,
            ["Clustering__ClusterId"] = clusterId,
            ["Clustering__ServiceId"] = clusterId,
            ["Clustering__AdvertisedAddress"] = "127.0.0.1",
            // Declare a killed silo dead within seconds rather than the default half minute.
            ["Clustering__Membership__ProbeTimeout"] = "00:00:03",
            ["Clustering__Membership__NumMissedProbesLimit"] = "3",
            ["Clustering__Membership__NumVotesForDeathDeclaration"] = "1",
            ["GrainStorage__Provider"] = "azureblob",
            ["GrainStorage__ConnectionString"] = azurite.ConnectionString,
            ["GrainStorage__ContainerName"] = clusterId,
        };
        var silos = new List<SiloProcess>();
        IHost? client = null;
        try
        {
            foreach (var name in new[] { "silo-1", "silo-2", "silo-3" })
            {
                silos.Add(await SiloProcess.StartAsync(name, environment));
            }

            client = await HostingSilos.StartClientAsync(new ClusteringOptions
            {
                Provider = "redis",
                ConnectionString = redis.ConnectionString,
                ClusterId = clusterId,
                ServiceId = clusterId,
            });
            await client.WaitForSilosAsync(3);
            var grains = client.Grains();

            var runId = TestRuns.NewId("failover");
            var run = grains.GetGrain<IRunGrain>(runId);
            await run.StartAsync(Scenario());
            await Eventually(run.GetProgressAsync, p => p.EmulatedSeconds >= 5, "the run is 5 s in");

            // Kill the silo that runs the run (so that the run resumes from its record elsewhere), unless it holds none
            // of the run's nodes (one time in a few hundred): then the one with the most nodes.
            var placement = await NodePlacementAsync(grains, runId);
            var runSilo = await RunPlacementAsync(grains, runId);
            Assert.NotNull(runSilo);
            var victim = silos.Find(s => s.SiloPort == runSilo && placement.GetValueOrDefault(s.SiloPort) > 0)
                ?? silos.MaxBy(s => placement.GetValueOrDefault(s.SiloPort))!;
            Assert.True(placement.GetValueOrDefault(victim.SiloPort) > 0, $"no node of the run on any silo: {string.Join(", ", placement)}");
            TestContext.Current.SendDiagnosticMessage($"killing {victim.Name}: {placement.GetValueOrDefault(victim.SiloPort)} nodes{(victim.SiloPort == runSilo ? " and the run" : "")}");
            var killedAt = (await run.GetProgressAsync()).EmulatedSeconds * 1000;
            victim.Kill();

            var progress = await Eventually(run.GetProgressAsync, p => p.Phase is RunPhase.Completed or RunPhase.Failed, "the run completes", TimeSpan.FromMinutes(3));
            Assert.True(progress.Phase == RunPhase.Completed, $"the run failed: {progress.Error}");
            var rows = await run.GetArtifactRowsAsync();
            Assert.Contains(rows, r => r.CreatedAtMs > killedAt + 2_000);

            // Every node of the run lives on a silo that is alive, and holds every artifact.
            var after = await NodePlacementAsync(grains, runId);
            Assert.DoesNotContain(victim.SiloPort, after.Keys);
            var nodes = grains.Nodes(runId, Nodes);
            var missing = await Eventually(() => MissingAsync(nodes, rows), m => m.Count == 0, "every node holds every artifact", TimeSpan.FromSeconds(60));
            Assert.Empty(missing);
        }
        catch (Exception) when (silos.Count > 0)
        {
            foreach (var silo in silos)
            {
                TestContext.Current.SendDiagnosticMessage($"--- {silo.Name} (exited: {silo.HasExited}) ---\n{Tail(silo.Output)}");
            }

            throw;
        }
        finally
        {
            if (client is not null)
            {
                await client.StopQuietlyAsync();
            }

            foreach (var silo in silos)
            {
                silo.Dispose();
            }
        }
    }

    /// <summary>13 nodes, ingress at 20/s for 14 s, short download time-outs so that requests to the dead silo's nodes move on quickly.</summary>
    private static ScenarioSpec Scenario() => TestScenarios.Traffic(GossipProtocol.AdvertGossip) with
    {
        Name = "failover",
        DurationSeconds = 14,
        DrainSeconds = 25,
        Workload = new WorkloadSpec { Ingress = new IngressSpec { RatePerSecond = 20, SizeBytes = 1024 } },
        Gossip = GossipSettings.Default with { DownloadTimeoutMs = 1_000, RetransmissionIntervalMs = 5_000 },
    };

    /// <summary>How many of the run's node activations each silo (by silo port) holds.</summary>
    private static async Task<Dictionary<int, int>> NodePlacementAsync(IGrainFactory grains, string runId)
    {
        var statistics = await grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return statistics
            .Where(s => s.GrainId.Key.ToString()!.StartsWith(runId + "/", StringComparison.Ordinal) && s.GrainId.Type.ToString()!.Contains("node", StringComparison.OrdinalIgnoreCase))
            .GroupBy(s => s.SiloAddress.Endpoint.Port)
            .ToDictionary(g => g.Key, g => g.Count());
    }

    /// <summary>The silo port of the silo that holds the run's grain.</summary>
    private static async Task<int?> RunPlacementAsync(IGrainFactory grains, string runId)
    {
        var statistics = await grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return statistics
            .Where(s => s.GrainId.Type.ToString() == "run" && s.GrainId.Key.ToString() == runId)
            .Select(s => (int?)s.SiloAddress.Endpoint.Port)
            .FirstOrDefault();
    }

    private static async Task<List<string>> MissingAsync(IReadOnlyList<INodeGrain> nodes, IReadOnlyList<ArtifactRow> rows)
    {
        var ids = rows.Select(r => new ArtifactId(new Hash128(Convert.ToUInt64(r.Artifact[..16], 16), Convert.ToUInt64(r.Artifact[16..], 16)))).ToList();
        var missing = new List<string>();
        foreach (var node in nodes)
        {
            foreach (var id in ids)
            {
                if (!await node.HasArtifactAsync(id))
                {
                    missing.Add($"{node.GetPrimaryKeyString()}: {id}");
                }
            }
        }

        return missing;
    }

    /// <summary>
    /// Polls until <paramref name="done"/>; calls that fail while the cluster notices the dead silo (time-outs, a silo
    /// unavailable) are retried.
    /// </summary>
    private static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(90);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Exception? last = null;
        while (watch.Elapsed < limit)
        {
            try
            {
                var value = await read();
                if (done(value))
                {
                    return value;
                }
            }
            catch (Exception e) when (e is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException or OrleansException)
            {
                last = e;
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"gave up after {limit.TotalSeconds:F0} s waiting until {what}{(last is null ? "" : $" (last error: {last.Message})")}");
        return default!;
    }

    private static string Tail(string text) => text.Length <= 6_000 ? text : text[^6_000..];
}
