using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Grains.Hosting;
using Xunit;

namespace OrleansGossip.Cluster.Tests;

/// <summary>
/// Nodes on one silo get their batches from the silo's scheduler without grain calls, which Orleans does not count
/// as activity. On a silo that collects grains idle for two seconds, a run whose nodes get a call only every few
/// seconds must still keep every node, and with it its pool, to the end.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class NodeCollectionTests(NodeCollectionTests.EagerCollectionCluster fixture) : IClassFixture<NodeCollectionTests.EagerCollectionCluster>
{
    [Fact]
    public async Task A_node_that_only_gets_local_batches_is_not_collected_in_the_middle_of_a_run()
    {
        // A block every half second from each node in turn: a node is called (given its block) every 6.5 s, while
        // batches from its peers reach it all the time.
        var scenario = new ScenarioSpec
        {
            Name = "collection",
            Seed = 11,
            Protocol = GossipProtocol.AdvertGossip.WireName(),
            TimeScale = 1,
            DurationSeconds = 8,
            DrainSeconds = 30,
            Subnets = [TestScenarios.SubnetOf(13)],
            Workload = new WorkloadSpec { Blocks = new BlockSpec { IntervalSeconds = 0.5, SizeBytes = 16 * 1024 } },
        };

        var report = await fixture.Cluster.GrainFactory.RunToCompletionAsync(TestRuns.NewId("collection"), scenario);

        Assert.False(report.Emulator.NodesRestored, "a node was collected during the run and resumed without its pool");
        var blocks = Assert.Single(Assert.Single(report.Subnets).Kinds);
        Assert.Equal(16, blocks.Artifacts);
        Assert.Equal(1.0, blocks.DeliveryRatio);
    }

    /// <summary>One silo that collects a grain after two seconds without calls (Orleans' default is fifteen minutes).</summary>
    public sealed class EagerCollectionCluster() : DedicatedCluster<EagerCollection>(1);

    public sealed class EagerCollection : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddGossipEmulator();
            siloBuilder.Services.Configure<GrainCollectionOptions>(o =>
            {
                o.CollectionAge = TimeSpan.FromSeconds(2);
                o.CollectionQuantum = TimeSpan.FromMilliseconds(500);
            });
        }
    }
}
