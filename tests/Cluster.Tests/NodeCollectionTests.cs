using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using Orleans.Core.Internal;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Grains.Hosting;
using Xunit;

namespace OrleansGossip.Cluster.Tests;

/// <summary>
/// Nodes on one silo take their windows as work items the silo's engine queues to them, not grain calls, which Orleans
/// does not count as activity. On a silo that collects grains idle for two seconds, a run whose nodes get a call only every few
/// seconds must still keep every node, and with it its pool, to the end; a node that is deactivated all the same comes
/// back set up as before, from its run.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class NodeCollectionTests(NodeCollectionTests.EagerCollectionCluster fixture) : IClassFixture<NodeCollectionTests.EagerCollectionCluster>
{
    [Fact]
    public async Task A_node_that_only_takes_windows_is_not_collected_in_the_middle_of_a_run()
    {
        // A block every half second from each node in turn: a node is called (given its block) every 6.5 s, while
        // it takes windows of its peers' messages all the time.
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

    [Fact]
    public async Task A_node_collected_while_its_run_goes_on_resumes_with_what_its_run_set_it_up_with()
    {
        var grains = fixture.Cluster.GrainFactory;
        var runId = TestRuns.NewId("resume");
        var run = grains.GetGrain<IRunGrain>(runId);
        await run.StartAsync(TestScenarios.Idle(4));
        var node = TestRuns.NodeId(1);

        var configuration = await run.GetNodeConfigurationAsync(node);
        Assert.NotNull(configuration);
        Assert.Equal((runId, node), (configuration.RunId, configuration.Node));
        Assert.Null(await run.GetNodeConfigurationAsync(new NodeId("not-a-node")));

        // Deactivated as a collection would, the node is activated again by the next call.
        await grains.GetNode(runId, node).Cast<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);
        var status = await Poll.ForAsync(grains.GetNode(runId, node).GetStatusAsync, s => s.Peers.Count > 0, "the resumed node takes its peers at its run's next window");
        Assert.Equal(3, status.Peers.Count);

        await run.StopAsync();
        await Poll.ForAsync(run.GetProgressAsync, p => p.Phase == RunPhase.Completed, "the stopped run reports");
        var report = await run.GetReportAsync();
        Assert.True(report?.Emulator.NodesRestored, "the run did not learn that a node resumed");
        Assert.Null(await run.GetNodeConfigurationAsync(node));
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
