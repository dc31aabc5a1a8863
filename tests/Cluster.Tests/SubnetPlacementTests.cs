using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.TestingHost;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Grains.Hosting;
using OrleansGossip.Grains.Engine;
using Xunit;

namespace OrleansGossip.Cluster.Tests;

/// <summary>On three silos placing nodes by subnet, each subnet's gossip stays on its silo and the subnets spread.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SubnetPlacementTests(SubnetPlacementTests.SubnetPlacementCluster fixture) : IClassFixture<SubnetPlacementTests.SubnetPlacementCluster>
{
    private const int Subnets = 12;

    [Fact]
    public async Task Each_subnet_lives_on_one_silo_the_subnets_spread_over_the_silos_and_messages_stay_on_their_silo()
    {
        var cluster = fixture.Cluster;
        var engines = cluster.Silos.Cast<InProcessSiloHandle>().Select(s => s.SiloHost.Services.GetRequiredService<SiloEngine>()).ToList();
        var scenario = new ScenarioSpec
        {
            Name = "subnet-placement",
            Seed = 5,
            Protocol = GossipProtocol.AdvertGossip.WireName(),
            TimeScale = 1,
            DurationSeconds = 2,
            DrainSeconds = 30,
            Subnets = [.. Enumerable.Range(0, Subnets).Select(i => TestScenarios.SubnetOf(4) with { Id = $"s{i}" })],
            Workload = new WorkloadSpec { Ingress = new IngressSpec { RatePerSecond = 10, SizeBytes = 1024 } },
        };
        var runId = TestRuns.NewId("placement");

        var sentAcrossBefore = engines.Sum(s => s.MessagesSentAcross);
        await cluster.GrainFactory.GetGrain<IRunGrain>(runId).StartAsync(scenario);
        var report = await cluster.GrainFactory.CompletionAsync(runId);

        Assert.All(report.Subnets, s => Assert.Equal(1, Assert.Single(s.Kinds).DeliveryRatio));
        var statistics = await cluster.GrainFactory.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics(null, null, TestContext.Current.CancellationToken);
        var silosBySubnet = statistics
            .Select(s => (Key: s.GrainId.Key.ToString()!, s.SiloAddress))
            .Where(s => s.Key.StartsWith($"{runId}/", StringComparison.Ordinal))
            .GroupBy(s => s.Key[(runId.Length + 1)..].Split("-n")[0], s => s.SiloAddress)
            .ToDictionary(g => g.Key, g => g.Distinct().ToList());
        Assert.Equal(Subnets, silosBySubnet.Count);
        Assert.All(silosBySubnet, s => Assert.True(s.Value.Count == 1, $"subnet {s.Key} is on {s.Value.Count} silos"));
        Assert.True(silosBySubnet.Values.Select(v => v[0]).Distinct().Count() > 1, "every subnet is on one silo");

        // At random, two messages in three would go to another silo.
        Assert.True(report.Emulator.Windows > 0, "no subnet took a window");
        Assert.Equal(sentAcrossBefore, engines.Sum(s => s.MessagesSentAcross));
    }

    /// <summary>Three silos that place nodes by subnet.</summary>
    public sealed class SubnetPlacementCluster() : DedicatedCluster<BySubnet>(3);

    public sealed class BySubnet : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.AddGossipEmulator(o => o.NodePlacement = NodePlacement.Subnet);
    }
}
