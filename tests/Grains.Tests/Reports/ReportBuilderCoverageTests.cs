using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Reports;
using OrleansGossip.Grains.Runs;
using Xunit;

namespace OrleansGossip.Grains.Tests.Reports;

/// <summary>
/// Coverage curves and artifact rows from hand-made run logs: four honest nodes n0..n3 and a withholding n4, whose
/// deliveries and bodies count for bodies received but not for reach or coverage.
/// </summary>
public sealed class ReportBuilderCoverageTests
{
    private static readonly SubnetId Subnet = new("app");
    private static readonly ArtifactId A = ArtifactId.For(ArtifactKind.Ingress, 0, "n0", 1);
    private static readonly ArtifactId B = ArtifactId.For(ArtifactKind.Ingress, 0, "n1", 1);
    private static readonly ArtifactId C = ArtifactId.For(ArtifactKind.BlockProposal, 1, "n2", 1);

    /// <summary>
    /// A (ingress, by n0 at 1000 ms) reaches n1, n2, n3 after 10, 30, 40 ms; B (ingress, by n1 at 2000 ms) reaches only
    /// n0, after 20 ms; C (block, by n2 at 0 ms) reaches every node after 100 ms.
    /// </summary>
    private static IReadOnlyList<NodeRunLog> Logs() =>
    [
        Log(0, NodeBehaviour.Honest, [new(A, ArtifactKind.Ingress, 100, 1000)], [new(B, 2020), new(C, 100)], new() { [B] = 1, [C] = 1 }),
        Log(1, NodeBehaviour.Honest, [new(B, ArtifactKind.Ingress, 200, 2000)], [new(A, 1010), new(C, 100)], new() { [A] = 1, [C] = 1 }),
        Log(2, NodeBehaviour.Honest, [new(C, ArtifactKind.BlockProposal, 5000, 0)], [new(A, 1030)], new() { [A] = 2 }),
        Log(3, NodeBehaviour.Honest, [], [new(A, 1040), new(C, 100)], new() { [A] = 1, [C] = 1 }),
        Log(4, NodeBehaviour.Withhold, [], [new(A, 1005), new(B, 2001), new(C, 50)], new() { [A] = 3, [B] = 1, [C] = 2 }),
    ];

    [Fact]
    public void Rows_give_each_artifacts_reach_holders_and_bodies_in_creation_order()
    {
        var rows = new List<ArtifactRow>();

        ReportBuilder.BuildSubnet(Subnet, Logs(), durationSeconds: 3, rows);

        Assert.Equal([C.ToString(), A.ToString(), B.ToString()], rows.Select(r => r.Artifact));
        var c = rows[0];
        Assert.Equal(("app", "block-proposal", 5000, 0.0), (c.Subnet, c.Kind, c.Size, c.CreatedAtMs));
        Assert.Equal((100.0, 100.0, 100.0, 4, 5L), (c.Reach50Ms!.Value, c.Reach67Ms!.Value, c.Reach100Ms!.Value, c.Holders, c.BodiesReceived));

        var a = rows[1];
        Assert.Equal(("ingress", 100, 1000.0), (a.Kind, a.Size, a.CreatedAtMs));
        Assert.Equal(10.0, a.Reach50Ms);
        Assert.Equal(30.0, a.Reach67Ms);
        Assert.Equal(40.0, a.Reach100Ms);
        Assert.Equal(4, a.Holders);
        Assert.Equal(7, a.BodiesReceived);

        var b = rows[2];
        Assert.Equal(20.0, b.Reach50Ms);
        Assert.Null(b.Reach67Ms);
        Assert.Null(b.Reach100Ms);
        Assert.Equal(2, b.Holders);
        Assert.Equal(2, b.BodiesReceived);
    }

    [Fact]
    public void Coverage_is_the_mean_share_of_honest_holders_from_creation_to_the_last_delivery()
    {
        var report = ReportBuilder.BuildSubnet(Subnet, Logs(), durationSeconds: 3);

        var ingress = report.Kinds.Single(k => k.Kind == "ingress").Coverage;
        Assert.Equal(ReportBuilder.CoveragePoints, ingress.Count);
        Assert.Equal(new CoveragePoint(0, 0.25), ingress[0]);
        Assert.Equal(new CoveragePoint(40, 0.75), ingress[^1]);
        Assert.All(ingress.Zip(ingress.Skip(1)), pair =>
        {
            Assert.True(pair.Second.Ms > pair.First.Ms);
            Assert.True(pair.Second.Share >= pair.First.Share);
        });

        // Between 20 and 30 ms: A's creator, n1 (10 ms) and B's creator, n0 (20 ms) hold them: 4 of 8.
        Assert.All(ingress.Where(p => p.Ms is >= 20 and < 30), p => Assert.Equal(0.5, p.Share));
        Assert.All(ingress.Where(p => p.Ms is > 0 and < 10), p => Assert.Equal(0.25, p.Share));

        var blocks = report.Kinds.Single(k => k.Kind == "block-proposal").Coverage;
        Assert.Equal(new CoveragePoint(0, 0.25), blocks[0]);
        Assert.Equal(new CoveragePoint(100, 1), blocks[^1]);
        Assert.All(blocks.SkipLast(1), p => Assert.Equal(0.25, p.Share));
    }

    [Fact]
    public void A_kind_that_never_left_its_creator_has_one_coverage_point()
    {
        var d = ArtifactId.For(ArtifactKind.Ingress, 0, "n0", 9);
        var logs = new[]
        {
            Log(0, NodeBehaviour.Honest, [new(d, ArtifactKind.Ingress, 10, 500)], [], []),
            Log(1, NodeBehaviour.Honest, [], [], []),
        };
        var rows = new List<ArtifactRow>();

        var report = ReportBuilder.BuildSubnet(Subnet, logs, durationSeconds: 1, rows);

        Assert.Equal([new CoveragePoint(0, 0.5)], report.Kinds.Single().Coverage);
        var row = Assert.Single(rows);
        Assert.Equal((0.0, (double?)null, 1, 0L), (row.Reach50Ms!.Value, row.Reach100Ms, row.Holders, row.BodiesReceived));
    }

    private static NodeRunLog Log(int node, NodeBehaviour behaviour, IReadOnlyList<ArtifactOrigin> created, IReadOnlyList<DeliveryRecord> deliveries, Dictionary<ArtifactId, int> bodies) =>
        new(new NodeId($"n{node}"), behaviour, created, deliveries, new Dictionary<ArtifactKind, KindCounters>(), [], [], bodies);
}
