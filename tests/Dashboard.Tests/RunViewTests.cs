using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Live;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Reports;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Dashboard.Live;
using Xunit;

namespace OrleansGossip.Dashboard.Tests;

/// <summary>How the dashboard joins the silos' batches: creations and deliveries from different silos, in any order.</summary>
public sealed class RunViewTests
{
    private static readonly SubnetId Subnet = new("app");
    private static readonly NodeId[] Nodes = [new("app-n0"), new("app-n1"), new("app-n2"), new("app-n3")];

    [Fact]
    public void Deliveries_join_their_artifact_whichever_batch_comes_first()
    {
        var view = NewView();
        var block = ArtifactId.For(ArtifactKind.BlockProposal, 1, "app-n0", 1);

        // One silo reports two deliveries before the creator's silo reports the creation.
        view.Ingest(Batch(deliveries: [new LiveDeliveries(block, Subnet, [Nodes[1], Nodes[2]], [1_120, 1_180])]));
        view.Ingest(Batch(created: [new LiveCreated(block, ArtifactKind.BlockProposal, 1_000_000, Subnet, Nodes[0], 1_000)]));
        view.Ingest(Batch(deliveries: [new LiveDeliveries(block, Subnet, [Nodes[3], Nodes[1]], [1_450, 1_500])]));

        var update = view.BuildSubnet("app");
        Assert.Equal(3, update.SubnetDeliveries);
        Assert.Equal(1.5, update.Slowdown);
        Assert.Equal(1, update.TimeScale);
        Assert.Equal(1, update.SubnetArtifacts);
        var wave = Assert.Single(update.Wave);
        Assert.Equal("block-proposal", wave.Kind);
        Assert.Equal("app-n0", wave.Origin);
        Assert.Equal(["app-n0", "app-n1", "app-n2", "app-n3"], wave.Holders);
        Assert.Equal(1.0, wave.Coverage);

        var kind = Assert.Single(update.Kinds);
        Assert.Equal(3, kind.LatencyCounts.Sum());
        var bounds = RunView.LatencyBucketsMs.ToList();
        Assert.Equal(1, kind.LatencyCounts[bounds.IndexOf(150)]); // 120 ms
        Assert.Equal(1, kind.LatencyCounts[bounds.IndexOf(200)]); // 180 ms
        Assert.Equal(1, kind.LatencyCounts[bounds.IndexOf(500)]); // 450 ms
        Assert.Equal(200, kind.P50Ms);
        Assert.Equal(500, kind.P90Ms);
        Assert.Equal(1.0, kind.Coverage[^1][1]);
    }

    [Fact]
    public void Node_samples_give_counters_queues_links_and_the_finalized_height()
    {
        var view = NewView();
        var counters = new long[LiveCounters.Length];
        counters[LiveCounters.IndexOf(ArtifactKind.Ingress, LiveCounters.Deliveries)] = 10;
        counters[LiveCounters.IndexOf(ArtifactKind.Ingress, LiveCounters.BodiesReceived)] = 12;
        counters[LiveCounters.IndexOf(ArtifactKind.Ingress, LiveCounters.BodyBytesReceived)] = 12_288;
        view.Ingest(Batch(created: [new LiveCreated(ArtifactId.For(ArtifactKind.Ingress, 1, "x", 1), ArtifactKind.Ingress, 1024, Subnet, Nodes[0], 10)]));
        view.Ingest(Batch(samples: Nodes.Select((n, i) => new LiveNodeSample(
            n, Subnet, 100, false, 1, 5 + i, counters, [i, 2 * i, 0, 0, 0], [1, 2, 3, 0, 0],
            Nodes.Where(p => p != n).ToList(), i == 0 ? [Nodes[1]] : [])).ToList()));

        var update = view.BuildSubnet("app");
        var ingress = Assert.Single(update.Kinds);
        Assert.Equal(40, ingress.Deliveries);
        Assert.Equal(8, ingress.Duplicates);
        Assert.Equal(4 * 12_288, ingress.BodyBytesReceived);
        Assert.Equal([0 + 1 + 2 + 3, 0 + 2 + 4 + 6], update.Queues.QueuedFetches.Take(2));
        Assert.Equal(1, update.Queues.UplinkBacklogMs[0]);
        Assert.Equal(6, update.Edges.Count);
        Assert.Equal(["app-n0", "app-n1"], Assert.Single(update.CutLinks));
        Assert.Equal(7, update.FinalizedHeight);
    }

    [Fact]
    public void The_overview_lists_every_subnet()
    {
        var view = NewView();
        var update = view.BuildOverview();
        var subnet = Assert.Single(update.Subnets);
        Assert.Equal("app", subnet.Subnet);
        Assert.Equal(4, subnet.Nodes);
        Assert.Equal(1, subnet.Down);
        Assert.Equal("running", update.Phase);
        Assert.Equal(1.5, update.Slowdown);
        Assert.Equal(1, update.TimeScale);
    }

    [Fact]
    public void A_run_shows_its_phase_and_subnets_before_its_registry_has_any()
    {
        var view = new RunView("run", TimeProvider.System);
        var status = new RunStatus(
            new RunProgress("run", RunPhase.Running, 0, 20, 0, 0, 0, 0, null),
            "test",
            "advert-gossip",
            1,
            1,
            null,
            [new RunSubnet("app", "full-mesh", Nodes.Select(n => n.Value).ToList(), Nodes.Select(_ => "honest").ToList(), [])],
            []);
        view.SetStatus(status, new RegistrySnapshot(0, [], []));

        var overview = view.BuildOverview();
        Assert.Equal("running", overview.Phase);
        Assert.Equal(4, Assert.Single(overview.Subnets).Nodes);
        var subnet = view.BuildSubnet("app");
        Assert.Equal("running", subnet.Phase);
        Assert.Equal(0, subnet.Deliveries);
    }

    private static RunView NewView()
    {
        var view = new RunView("run", TimeProvider.System);
        var status = new RunStatus(
            new RunProgress("run", RunPhase.Running, 1, 20, 1, 3, 3, 1.5, null),
            "test",
            "advert-gossip",
            1,
            1,
            DateTimeOffset.UtcNow,
            [new RunSubnet("app", "full-mesh", Nodes.Select(n => n.Value).ToList(), Nodes.Select(_ => "honest").ToList(), ["app-n3"])],
            [new FaultEvent(0.5, "crash", "app", "crash app: app-n3")]);
        var registry = new RegistrySnapshot(1, [new SubnetRecord(Subnet, 1)], Nodes.Select(n => new NodeRecord(n, Subnet, "default", "f")).ToList());
        view.SetStatus(status, registry);
        return view;
    }

    private static LiveBatch Batch(
        IReadOnlyList<LiveCreated>? created = null,
        IReadOnlyList<LiveDeliveries>? deliveries = null,
        IReadOnlyList<LiveNodeSample>? samples = null) =>
        new("run", "silo", created ?? [], deliveries ?? [], samples ?? []);
}
