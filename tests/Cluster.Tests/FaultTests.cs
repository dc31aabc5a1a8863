using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Reports;
using OrleansGossip.Abstractions.Scenarios;
using Xunit;

namespace OrleansGossip.Cluster.Tests;

/// <summary>
/// Timed faults applied by the run at their emulated time. Faults take effect at the run's next tick, so checks of
/// what happened "during" a fault leave it a margin of <see cref="MarginMs"/> after its start. The tests whose
/// checks sit close to a fault's time run at <see cref="TimeScale"/>, so that a busy machine's scheduling delays
/// shrink in emulated time.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FaultTests(ClusterFixture fixture)
{
    private const double MarginMs = 300;

    private const double TimeScale = 2;

    /// <summary>Only a reconnect, not the periodic retransmission, can make up what a cut link lost.</summary>
    private static readonly GossipSettings NoRetransmission = new() { DownloadTimeoutMs = 1_000, RetransmissionIntervalMs = 3_600_000 };

    [Fact]
    public async Task During_a_partition_each_side_lacks_the_other_sides_artifacts_and_after_the_heal_has_them()
    {
        const double partitionMs = 500;
        const double healMs = 2_000;
        int[] west = [0, 1, 2];
        int[] east = [3, 4, 5];
        var scenario = RunLogs.Ingress("partition", nodes: 6, durationSeconds: 2.5, drainSeconds: 5) with
        {
            TimeScale = TimeScale,
            Gossip = NoRetransmission,
            Faults =
            [
                new FaultSpec { Kind = "partition", AtSeconds = partitionMs / 1000, Groups = [west, east] },
                new FaultSpec { Kind = "heal", AtSeconds = healMs / 1000 },
            ],
        };
        var runId = TestRuns.NewId("partition");

        var report = await fixture.Grains.RunToCompletionAsync(runId, scenario);

        Assert.Equal(["partition", "heal"], report.Faults.Select(f => f.Kind));
        Assert.Contains("9 cut link(s)", report.Faults[1].Description, StringComparison.Ordinal);
        Assert.Equal(1, Assert.Single(Assert.Single(report.Subnets).Kinds).DeliveryRatio);

        var logs = await fixture.Grains.LogsAsync(runId, 6);
        var duringPartition = RunLogs.Origins(logs).Where(o => o.Value.AtMs >= partitionMs + MarginMs && o.Value.AtMs < healMs).ToList();
        Assert.Contains(duringPartition, o => west.Contains(o.Value.Node));
        Assert.Contains(duringPartition, o => east.Contains(o.Value.Node));
        foreach (var (id, (maker, madeAt)) in duringPartition)
        {
            var otherSide = west.Contains(maker) ? east : west;
            var sameSide = west.Contains(maker) ? west : east;
            Assert.All(otherSide, i => Assert.True(logs[i].DeliveredAtMs(id) >= healMs, $"node {i} got {id} across the partition"));
            if (madeAt < healMs - MarginMs)
            {
                Assert.All(sameSide.Where(i => i != maker), i => Assert.True(logs[i].DeliveredAtMs(id) < healMs, $"node {i} waited for the heal to get {id} from its own side"));
            }
        }
    }

    [Fact]
    public async Task A_cut_link_carries_nothing_until_it_is_healed()
    {
        const double cutMs = 500;
        const double healMs = 2_000;
        var scenario = RunLogs.Ingress("cut-link", nodes: 2, durationSeconds: 2.5, drainSeconds: 5) with
        {
            TimeScale = TimeScale,
            Gossip = NoRetransmission,
            Faults =
            [
                new FaultSpec { Kind = "cut-link", AtSeconds = cutMs / 1000, From = 0, To = 1 },
                new FaultSpec { Kind = "heal-link", AtSeconds = healMs / 1000, From = 1, To = 0 },
            ],
        };
        var runId = TestRuns.NewId("cut-link");

        var report = await fixture.Grains.RunToCompletionAsync(runId, scenario);

        Assert.Equal(["cut-link", "heal-link"], report.Faults.Select(f => f.Kind));
        Assert.Equal(1, Assert.Single(Assert.Single(report.Subnets).Kinds).DeliveryRatio);
        var logs = await fixture.Grains.LogsAsync(runId, 2);
        var origins = RunLogs.Origins(logs);
        var whileCut = origins.Where(o => o.Value.AtMs >= cutMs + MarginMs && o.Value.AtMs < healMs).ToList();
        Assert.True(
            whileCut.Select(o => o.Value.Node).Distinct().Order().SequenceEqual([0, 1]),
            $"both nodes should have made artifacts while the link was cut; made at (node@ms): {string.Join(", ", origins.Values.OrderBy(o => o.AtMs).Select(o => $"{o.Node}@{o.AtMs:F0}"))}");
        Assert.All(whileCut, o => Assert.True(logs[1 - o.Value.Node].DeliveredAtMs(o.Key) >= healMs, $"{o.Key} crossed the cut link"));
    }

    [Fact]
    public async Task A_loss_burst_causes_timeouts_yet_every_artifact_is_delivered()
    {
        ScenarioSpec Scenario(bool burst) => RunLogs.Ingress(burst ? "loss-burst" : "no-loss", nodes: 6, durationSeconds: 3, drainSeconds: 6, ingressPerSecond: 20) with
        {
            Gossip = new GossipSettings { DownloadTimeoutMs = 300, RetransmissionIntervalMs = 1_000 },
            Faults = burst ? [new FaultSpec { Kind = "loss-burst", AtSeconds = 0.5, Loss = 0.3, DurationSeconds = 2 }] : [],
        };

        var reports = await Task.WhenAll(
            fixture.Grains.RunToCompletionAsync(TestRuns.NewId("loss-burst"), Scenario(burst: true)),
            fixture.Grains.RunToCompletionAsync(TestRuns.NewId("no-loss"), Scenario(burst: false)));

        var (burst, calm) = (Assert.Single(reports[0].Subnets.Single().Kinds), Assert.Single(reports[1].Subnets.Single().Kinds));
        Assert.Equal(burst.Artifacts, calm.Artifacts);
        Assert.Equal(1, burst.DeliveryRatio);
        Assert.Equal(1, calm.DeliveryRatio);
        Assert.True(burst.FetchTimeouts > calm.FetchTimeouts, $"{burst.FetchTimeouts} timeouts with the burst, {calm.FetchTimeouts} without");
        var fault = Assert.Single(reports[0].Faults);
        Assert.Equal(("loss-burst", 0.5, TestScenarios.Subnet), (fault.Kind, fault.AtSeconds, fault.Subnet));
    }

    [Fact]
    public async Task A_crashed_node_is_no_longer_expected_to_receive_and_a_restarted_one_catches_up()
    {
        const double crashMs = 1_000;
        const double restartMs = 2_500;
        var scenario = RunLogs.Ingress("crash-restart", nodes: 6, durationSeconds: 3.5, drainSeconds: 5) with
        {
            TimeScale = TimeScale,
            Faults =
            [
                new FaultSpec { Kind = "crash", AtSeconds = crashMs / 1000, Nodes = [3, 4] },
                new FaultSpec { Kind = "restart", AtSeconds = restartMs / 1000, Nodes = [4] },
            ],
        };
        var runId = TestRuns.NewId("crash-restart");
        var grains = fixture.Grains;

        var report = await grains.RunToCompletionAsync(runId, scenario);

        Assert.Equal(["crash", "restart"], report.Faults.Select(f => f.Kind));
        var subnet = Assert.Single(report.Subnets);
        Assert.Equal(6, subnet.Nodes);
        Assert.Equal(5, subnet.HonestNodes);
        Assert.Equal(1, Assert.Single(subnet.Kinds).DeliveryRatio);

        var logs = await grains.LogsAsync(runId, 6);
        var (down, back) = (logs[3], logs[4]);
        Assert.False(down.Alive);
        Assert.True(back.Alive);
        Assert.True((await grains.Node(runId, 3).GetStatusAsync()).Crashed);
        Assert.DoesNotContain(down.Deliveries, d => d.AtMs >= crashMs + MarginMs);
        Assert.DoesNotContain(back.Deliveries, d => d.AtMs >= crashMs + MarginMs && d.AtMs < restartMs);
        var madeWhileDown = RunLogs.Origins(logs).Where(o => o.Value.AtMs >= crashMs + MarginMs && o.Value.AtMs < restartMs).Select(o => o.Key).ToList();
        Assert.NotEmpty(madeWhileDown);
        Assert.All(madeWhileDown, id => Assert.True(back.DeliveredAtMs(id) >= restartMs, $"the restarted node lacks {id}"));
        Assert.DoesNotContain(down.Created, c => c.AtMs >= crashMs + MarginMs);
    }

    [Fact]
    public async Task Added_nodes_get_the_artifacts_made_before_they_joined_and_a_removed_node_gets_none_made_after()
    {
        const double addMs = 1_000;
        const double removeMs = 1_500;
        var scenario = RunLogs.Ingress("churn", nodes: 5, durationSeconds: 3, drainSeconds: 5) with
        {
            Faults =
            [
                new FaultSpec { Kind = "add-node", AtSeconds = addMs / 1000, Count = 2 },
                new FaultSpec { Kind = "remove-node", AtSeconds = removeMs / 1000, Nodes = [4] },
            ],
        };
        var runId = TestRuns.NewId("churn");
        var grains = fixture.Grains;

        var report = await grains.RunToCompletionAsync(runId, scenario);

        Assert.Equal(["add-node", "remove-node"], report.Faults.Select(f => f.Kind));
        Assert.Contains("app-n5, app-n6", report.Faults[0].Description, StringComparison.Ordinal);
        var subnet = Assert.Single(report.Subnets);
        Assert.Equal(7, subnet.Nodes);
        Assert.Equal(6, subnet.HonestNodes);
        Assert.Equal(1, Assert.Single(subnet.Kinds).DeliveryRatio);

        var members = (await grains.GetGrain<IRegistryGrain>(runId).GetMembershipAsync(new SubnetId(TestScenarios.Subnet))).Members;
        Assert.Equal(["app-n0", "app-n1", "app-n2", "app-n3", "app-n5", "app-n6"], members.Select(m => m.Id.Value).Order());

        var logs = await grains.LogsAsync(runId, 7);
        var origins = RunLogs.Origins(logs);
        var beforeJoin = origins.Where(o => o.Value.AtMs < addMs).Select(o => o.Key).ToList();
        Assert.NotEmpty(beforeJoin);
        foreach (var added in logs.Skip(5))
        {
            Assert.True(added.Alive);
            Assert.All(beforeJoin, id => Assert.True(added.DeliveredAtMs(id) >= addMs, $"{added.Node} lacks {id}, made before it joined"));
        }

        var removed = logs[4];
        Assert.False(removed.Alive);
        var afterRemoval = origins.Where(o => o.Value.AtMs >= removeMs + MarginMs).Select(o => o.Key).ToList();
        Assert.NotEmpty(afterRemoval);
        Assert.All(afterRemoval, id => Assert.Null(removed.DeliveredAtMs(id)));
        Assert.Empty((await grains.Node(runId, 4).GetStatusAsync()).Peers);
    }
}
