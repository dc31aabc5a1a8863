using Xunit;

namespace OrleansGossip.Cluster.Tests;

/// <summary>
/// A run that is over leaves its nodes quiet: consensus would otherwise go on making blocks and shares, and every
/// finished run would keep loading the silos that hold its nodes. The nodes keep their logs for questions.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RunEndTests(ClusterFixture fixture)
{
    [Fact]
    public async Task After_a_consensus_run_completes_its_nodes_make_and_receive_nothing_more()
    {
        var library = TestScenarios.Library("ic-app-subnet");
        var scenario = library with { TimeScale = 1, DurationSeconds = 2, DrainSeconds = 1, Faults = [] };
        var nodes = scenario.Subnets[0].Nodes;
        var runId = TestRuns.NewId("run-end");

        var report = await fixture.Grains.RunToCompletionAsync(runId, scenario);
        Assert.True(Assert.Single(report.Subnets).Consensus!.FinalizedHeight > 0, "consensus made no progress during the run");
        var atEnd = await fixture.Grains.LogsAsync(runId, nodes);

        // Consensus makes a block about every second here: two seconds would show a running node.
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        var later = await fixture.Grains.LogsAsync(runId, nodes);

        for (var i = 0; i < nodes; i++)
        {
            Assert.Equal(atEnd[i].Created.Count, later[i].Created.Count);
            Assert.Equal(atEnd[i].Deliveries.Count, later[i].Deliveries.Count);
            Assert.Equal(atEnd[i].Finalizations.Count, later[i].Finalizations.Count);
        }
    }
}
