using Orleans.Runtime;
using OrleansGossip.Abstractions.Runs;
using Xunit;

namespace OrleansGossip.Cluster.Tests;

/// <summary>Gossip between node grains that live on different silos.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CrossSiloPropagationTests(ClusterFixture fixture)
{
    private const int Nodes = 13;

    [Fact]
    public async Task An_artifact_created_at_one_node_reaches_all_13_nodes_spread_over_several_silos()
    {
        var grains = fixture.Grains;
        var runId = TestRuns.NewId("spread");
        var run = grains.GetGrain<IRunGrain>(runId);
        await run.StartAsync(TestScenarios.Idle(Nodes));
        try
        {
            var nodes = grains.Nodes(runId, Nodes);
            Assert.Equal(ClusterFixture.SiloCount, fixture.Cluster.GetActiveSilos().Count());

            var management = grains.GetGrain<IManagementGrain>(0);
            var silos = new HashSet<SiloAddress>();
            foreach (var node in nodes)
            {
                var silo = await management.GetActivationAddress(node, TestContext.Current.CancellationToken);
                Assert.True(silo is not null, $"node {node.GetPrimaryKeyString()} has no activation");
                silos.Add(silo);
            }

            Assert.True(silos.Count > 1, $"all {Nodes} nodes are on one silo ({string.Join(", ", silos)}); the test would not cross silos");

            var artifact = await grains.SubmitIngressAsync(runId, originIndex: 4);
            Assert.False(await nodes[0].HasArtifactAsync(artifact));

            await TestRuns.AllHoldAsync(nodes, [artifact], $"all {Nodes} nodes hold the artifact created at node 4");
            var statuses = await Task.WhenAll(nodes.Select(n => n.GetStatusAsync()));
            Assert.All(statuses, s => Assert.Equal(1, s.ValidatedArtifacts));
            Assert.All(statuses, s => Assert.Equal(0, s.PendingDownloads));
        }
        finally
        {
            await run.StopAsync();
        }
    }
}
