using Orleans.Runtime;
using Orleans.Runtime.Placement;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Abstractions.Scenarios;
using Xunit;

namespace OrleansGossip.Cluster.Tests;

/// <summary>
/// A run started with Orleans' placement hint in its request context (as a silo's warm-up starts its runs) has itself
/// and every node of it on the hinted silo, where the cluster's placement would spread them over the three.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PlacementHintTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_run_started_with_a_placement_hint_has_itself_and_all_its_nodes_on_that_silo()
    {
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        var hinted = (await management.GetHosts(onlyActive: true, TestContext.Current.CancellationToken)).Keys.OrderBy(s => s.ToParsableString(), StringComparer.Ordinal).Last();
        var scenario = TestScenarios.Traffic(GossipProtocol.AdvertGossip) with
        {
            DurationSeconds = 1,
            Subnets = [TestScenarios.SubnetOf(4) with { Id = "a" }, TestScenarios.SubnetOf(4) with { Id = "b" }],
        };
        var runId = TestRuns.NewId("hinted");

        RequestContext.Set(IPlacementDirector.PlacementHintKey, hinted);
        try
        {
            await fixture.Grains.GetGrain<IRunGrain>(runId).StartAsync(scenario);
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }

        var report = await fixture.Grains.CompletionAsync(runId);
        Assert.True(report.Emulator.Deliveries > 0, "the run delivered nothing");
        var statistics = await management.GetDetailedGrainStatistics(null, null, TestContext.Current.CancellationToken);
        var nodes = statistics.Where(s => s.GrainType.Contains(".NodeGrain,", StringComparison.Ordinal) && s.GrainId.Key.ToString()!.StartsWith($"{runId}/", StringComparison.Ordinal)).ToList();
        Assert.Equal(8, nodes.Count);
        Assert.All(nodes, n => Assert.Equal(hinted, n.SiloAddress));
        var run = Assert.Single(statistics, s => s.GrainType.Contains(".RunGrain,", StringComparison.Ordinal) && s.GrainId.Key.ToString() == runId);
        Assert.Equal(hinted, run.SiloAddress);
    }
}
