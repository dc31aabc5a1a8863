using System.Text.Json;
using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Reports;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Grains.Hosting;
using Xunit;

namespace OrleansGossip.Cluster.Tests;

/// <summary>
/// A run's figures are a function of its scenario and seed alone: the same report, outside its host block, twice in a
/// row, paced or not, on one silo or on three with its nodes placed at random, and for a run driven from outside once
/// its event log is replayed.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DeterminismTests(ClusterFixture fixture, DeterminismTests.OneSilo oneSilo) : IClassFixture<DeterminismTests.OneSilo>
{
    [Theory]
    [InlineData(GossipProtocol.AdvertGossip)]
    [InlineData(GossipProtocol.AbortableBroadcast)]
    [InlineData(GossipProtocol.Flooding)]
    public async Task The_same_scenario_and_seed_give_the_same_report_twice_on_three_silos_and_on_one(GossipProtocol protocol)
    {
        var scenario = TestScenarios.Traffic(protocol) with { TimeScale = 0 };

        var first = await fixture.Grains.RunToCompletionAsync(TestRuns.NewId("same-a"), scenario);
        var second = await fixture.Grains.RunToCompletionAsync(TestRuns.NewId("same-b"), scenario);
        var alone = await oneSilo.Cluster.GrainFactory.RunToCompletionAsync(TestRuns.NewId("same-c"), scenario);

        Assert.True(first.Host.Silos > 1, $"the run's nodes were on {first.Host.Silos} silo: nothing crossed silos");
        Assert.Equal(1, alone.Host.Silos);
        Assert.True(first.Emulator.Deliveries > 0);
        Assert.Equal(Figures(first), Figures(second));
        Assert.Equal(Figures(first), Figures(alone));
    }

    public static TheoryData<string, GossipProtocol> LibraryUnderEachProtocol()
    {
        var data = new TheoryData<string, GossipProtocol>();
        foreach (var name in LibraryScenarioTests.Names)
        {
            foreach (var protocol in Enum.GetValues<GossipProtocol>())
            {
                data.Add(name, protocol);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LibraryUnderEachProtocol))]
    public async Task Every_library_scenario_shortened_gives_the_same_report_on_three_silos_and_on_one(string name, GossipProtocol protocol)
    {
        var scenario = LibraryScenarioTests.Shorten(TestScenarios.Library(name)) with { Protocol = protocol.WireName() };

        var spread = await fixture.Grains.RunToCompletionAsync(TestRuns.NewId($"lib-{name}-3"), scenario);
        var alone = await oneSilo.Cluster.GrainFactory.RunToCompletionAsync(TestRuns.NewId($"lib-{name}-1"), scenario);

        Assert.True(spread.Emulator.Deliveries > 0, $"{name} under {protocol.WireName()} delivered nothing");
        Assert.Equal(Figures(spread), Figures(alone));
    }

    [Fact]
    public async Task Two_threads_spinning_beside_a_run_change_none_of_its_figures()
    {
        var scenario = TestScenarios.Traffic(GossipProtocol.AdvertGossip) with { TimeScale = 0 };
        var quiet = await fixture.Grains.RunToCompletionAsync(TestRuns.NewId("quiet"), scenario);

        using var stop = new CancellationTokenSource();
        var spinners = Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(
            () =>
            {
                var spins = 0L;
                while (!stop.IsCancellationRequested)
                {
                    spins++;
                }

                return spins;
            },
            TaskCreationOptions.LongRunning)).ToList();
        RunReport busy;
        try
        {
            busy = await fixture.Grains.RunToCompletionAsync(TestRuns.NewId("busy"), scenario);
        }
        finally
        {
            await stop.CancelAsync();
        }

        Assert.All(await Task.WhenAll(spinners), spins => Assert.True(spins > 0));
        Assert.Equal(Figures(quiet), Figures(busy));
    }

    [Fact]
    public async Task A_paced_run_gives_the_report_of_the_same_run_unpaced()
    {
        var scenario = TestScenarios.Traffic(GossipProtocol.AdvertGossip) with { DurationSeconds = 2, DrainSeconds = 2 };

        var paced = await fixture.Grains.RunToCompletionAsync(TestRuns.NewId("paced"), scenario);
        var unpaced = await fixture.Grains.RunToCompletionAsync(TestRuns.NewId("unpaced"), scenario with { TimeScale = 0 });

        Assert.True(paced.Host.Slowdown >= 0.5, $"a run at time scale 1 took {paced.Host.Slowdown} wall s per emulated s");
        Assert.Equal(Figures(paced), Figures(unpaced));
    }

    [Fact]
    public async Task A_run_driven_through_the_api_replayed_from_its_event_log_gives_the_same_report()
    {
        var scenario = TestScenarios.Traffic(GossipProtocol.AdvertGossip) with { DurationSeconds = 3, DrainSeconds = 3 };
        var grains = fixture.Grains;
        var runId = TestRuns.NewId("driven");
        var run = grains.GetGrain<IRunGrain>(runId);
        await run.StartAsync(scenario);
        await run.ApplyFaultAsync(new FaultSpec { Kind = "cut-link", From = 1, To = 2 });
        await grains.SubmitIngressAsync(runId, originIndex: 3, sizeBytes: 2048);
        await run.ApplyFaultAsync(new FaultSpec { Kind = "crash", Nodes = [5] });
        await run.SubmitArtifactAsync(TestRuns.NodeId(6), ArtifactKind.Ingress, 512, null, null);
        var driven = await grains.CompletionAsync(runId);
        var events = await run.GetEventsAsync();
        Assert.Equal(4, events.Count);
        Assert.Equal(events.OrderBy(e => e.AtMs).Select(e => e.AtMs), events.Select(e => e.AtMs));

        var replayId = TestRuns.NewId("replayed");
        await grains.GetGrain<IRunGrain>(replayId).StartAsync(scenario with { TimeScale = 0 }, events);
        var replayed = await grains.CompletionAsync(replayId);

        Assert.Equal(driven.Faults.Select(f => (f.AtSeconds, f.Kind)), replayed.Faults.Select(f => (f.AtSeconds, f.Kind)));
        Assert.Equal(Figures(driven), Figures(replayed));
    }

    /// <summary>The report as JSON without what may differ from run to run: its id and its host block.</summary>
    private static string Figures(RunReport report) =>
        JsonSerializer.Serialize(report.Figures(), new JsonSerializerOptions { WriteIndented = true });

    /// <summary>A cluster of one silo, for the same runs without crossing silos.</summary>
    public sealed class OneSilo() : DedicatedCluster<EmulatorSiloConfigurator>(1);
}
