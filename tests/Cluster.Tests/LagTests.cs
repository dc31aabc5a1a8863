using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;
using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Grains.Hosting;
using Xunit;

namespace OrleansGossip.Cluster.Tests;

/// <summary>
/// The lag monitor counts how late a node takes each message that was due for it, from its due time to the node's
/// turn, so that a batch the scheduler fired on time but the node took late (its turn waited for a thread) counts as
/// much as one the scheduler fired late. The silo here runs alone and its clock leaves out the collector's pauses
/// (<c>Emulator:ExcludeCollectorPauses</c>), which the report then counts.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LagTests(LagTests.LoneSilo fixture) : IClassFixture<LagTests.LoneSilo>
{
    [Fact]
    public async Task Batches_a_node_takes_long_after_they_were_due_make_the_run_lagging()
    {
        var grains = fixture.Cluster.GrainFactory;
        var runId = TestRuns.NewId("late-batches");
        var run = grains.GetGrain<IRunGrain>(runId);
        await run.StartAsync(TestScenarios.Idle(4));
        var node = grains.Node(runId, 0);

        // One artifact to spread, so that the silo reports the run's progress, and its lag, to it.
        await node.SubmitAsync(TestRuns.Ingress(0, 1));
        await Poll.ForAsync(run.GetProgressAsync, p => p.Deliveries >= 3, "the artifact reaches the three other nodes");

        // Each batch carries one message, from a node outside the subnet, which the node refuses after counting its lag.
        var due = fixture.EmulatorClock.GetUtcNow() - TimeSpan.FromSeconds(2);
        var stray = new Envelope(new NodeId("stranger"), new ArtifactRequest(ArtifactId.For(ArtifactKind.Ingress, 0, "stranger", 1), Priority.Fetch));
        for (var i = 0; i < 200; i++)
        {
            await node.ReceiveAsync(new MessageBatch([stray], Dues: [new DueRun(due.UtcTicks, 1)]));
        }

        var progress = await Poll.ForAsync(run.GetProgressAsync, p => p.LagMsP99 >= 1_900, "the run hears of batches taken two seconds late");
        Assert.Equal(new EmulatorOptions().LagWarningMs, progress.LagWarningMs);
        Assert.True(progress.Lagging, "the run's progress, which the dashboard shows, does not call it lagging");
        await run.StopAsync();
        var report = await run.GetReportAsync();
        Assert.NotNull(report);
        Assert.True(report.Emulator.Lagging, $"lag p99 {report.Emulator.LagMsP99} ms was not called lagging");

        // Stopped long before its 600 s: the report says when, and what that means for its last artifacts.
        Assert.InRange(report.StoppedAtSeconds ?? -1, 0.1, 599);
        Assert.StartsWith("Stopped early", report.StoppedNote(), StringComparison.Ordinal);
        Assert.Contains("late", report.Emulator.Warning);
        Assert.Equal(new EmulatorOptions().LagWarningMs, report.Emulator.LagWarningMs);

        // The timeline shows when: a slice holds the late batches, and the slices follow one another in run time.
        var timeline = report.Emulator.LagTimeline;
        Assert.Contains(timeline, s => s.LagMsMax >= 1_900);
        Assert.All(timeline.Zip(timeline.Skip(1)), pair => Assert.True(pair.First.ToSeconds <= pair.Second.FromSeconds, "slices overlap"));
    }

    [Fact]
    public async Task The_collectors_pauses_do_not_pass_on_the_emulators_clock_and_the_report_counts_them()
    {
        var grains = fixture.Cluster.GrainFactory;
        var runId = TestRuns.NewId("pauses");
        var run = grains.GetGrain<IRunGrain>(runId);
        var wallBefore = TimeProvider.System.GetUtcNow();
        var clockBefore = fixture.EmulatorClock.GetUtcNow();
        await run.StartAsync(TestScenarios.Idle(4));

        // The silo runs in this process: collections made here pause it.
        var pausedBefore = GC.GetTotalPauseDuration();
        for (var i = 0; i < 5; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        }

        var paused = GC.GetTotalPauseDuration() - pausedBefore;
        await run.StopAsync();
        // The emulator's clock read inside the wall's window at both ends (after it at the start, before it at the end),
        // so that what it passed is compared with at least as much wall time.
        var clockPassed = fixture.EmulatorClock.GetUtcNow() - clockBefore;
        var wallPassed = TimeProvider.System.GetUtcNow() - wallBefore;

        var report = await run.GetReportAsync();
        Assert.NotNull(report);
        Assert.True(paused > TimeSpan.Zero, "the collections paused nothing");
        Assert.True(report.Emulator.CollectorPausesExcludedSeconds >= paused.TotalSeconds, $"the report counts {report.Emulator.CollectorPausesExcludedSeconds} s left out, the collections paused {paused.TotalSeconds} s");
        Assert.True(clockPassed <= wallPassed - paused, $"the emulator's clock passed {clockPassed}, the wall {wallPassed} with {paused} of pauses");
    }

    [Fact]
    public async Task A_run_does_not_start_on_a_silo_that_leaves_out_its_pauses_in_a_cluster()
    {
        await using var pair = new PairedSilos();
        await pair.InitializeAsync();
        var run = pair.Cluster.GrainFactory.GetGrain<IRunGrain>(TestRuns.NewId("pair"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => run.StartAsync(TestScenarios.Idle(4)));

        Assert.Contains("ExcludeCollectorPauses", error.Message);
        Assert.Contains("2 silos", error.Message);
    }

    public sealed class LoneSilo() : DedicatedCluster<ExcludingPauses>(1)
    {
        /// <summary>The clock the silo's emulator reads, which leaves out the collector's pauses.</summary>
        public TimeProvider EmulatorClock => Cluster.Silos.Cast<InProcessSiloHandle>().Single().SiloHost.Services.GetRequiredKeyedService<TimeProvider>(Grains.Hosting.EmulatorClock.Key);
    }

    public sealed class PairedSilos() : DedicatedCluster<ExcludingPauses>(2);

    public sealed class ExcludingPauses : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.AddGossipEmulator(o => o.ExcludeCollectorPauses = true);
    }
}
