using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Runs;
using Xunit;

namespace OrleansGossip.Cluster.Tests;

/// <summary>A warm-up run runs and reports as any run does, but the cluster's run list (the API's, the dashboard's) leaves it out.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RunKindTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_warm_up_run_delivers_and_reports_but_only_the_measured_run_is_listed()
    {
        var scenario = TestScenarios.Traffic(GossipProtocol.AdvertGossip);
        var warmUpId = TestRuns.NewId("warm-up");
        var measuredId = TestRuns.NewId("measured");

        await fixture.Grains.GetGrain<IRunGrain>(warmUpId).StartAsync(scenario, RunKind.WarmUp);
        await fixture.Grains.GetGrain<IRunGrain>(measuredId).StartAsync(scenario);
        var warmUp = await fixture.Grains.CompletionAsync(warmUpId);
        await fixture.Grains.CompletionAsync(measuredId);

        Assert.True(warmUp.Emulator.Deliveries > 0, "the warm-up run delivered nothing");
        var listed = (await fixture.Grains.GetGrain<IRunIndexGrain>(IRunIndexGrain.Key).ListAsync()).Select(r => r.RunId).ToList();
        Assert.Contains(measuredId, listed);
        Assert.DoesNotContain(warmUpId, listed);
    }

    [Theory]
    [InlineData(RunKind.Measured, -1)]
    [InlineData(RunKind.Measured, 601)]
    [InlineData(RunKind.Measured, double.NaN)]
    [InlineData(RunKind.WarmUp, 1)]
    public async Task A_warm_up_out_of_range_or_of_a_warm_up_run_is_refused_and_nothing_starts(RunKind kind, double warmUpSeconds)
    {
        var runId = TestRuns.NewId("bad-warm-up");
        var run = fixture.Grains.GetGrain<IRunGrain>(runId);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => run.StartAsync(TestScenarios.Traffic(GossipProtocol.AdvertGossip), kind, warmUpSeconds));

        Assert.Equal(RunPhase.NotStarted, (await run.GetProgressAsync()).Phase);
        Assert.DoesNotContain(runId, (await fixture.Grains.GetGrain<IRunIndexGrain>(IRunIndexGrain.Key).ListAsync()).Select(r => r.RunId));
    }
}
