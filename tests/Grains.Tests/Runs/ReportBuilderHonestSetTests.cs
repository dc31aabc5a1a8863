using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Grains.Runs;
using Xunit;

namespace OrleansGossip.Grains.Tests.Runs;

/// <summary>Who the report counts as an honest node that should receive every artifact.</summary>
public sealed class ReportBuilderHonestSetTests
{
    private static readonly Artifact Ingress = Artifact.Create(ArtifactKind.Ingress, 3_600_000, "n0", 1, ArtifactBody.Synthetic(100, 1));

    [Fact]
    public void Honest_slow_and_crash_nodes_that_are_alive_at_the_end_count_and_the_others_do_not()
    {
        var logs = new List<NodeRunLog>
        {
            Log("n0", NodeBehaviour.Honest, created: true),
            Log("n1", NodeBehaviour.Slow, delivered: true),
            Log("n2", NodeBehaviour.Crash, delivered: true), // crashed and restarted
            Log("n3", NodeBehaviour.Crash, alive: false), // crashed for good
            Log("n4", NodeBehaviour.Honest, alive: false), // removed from the registry
            Log("n5", NodeBehaviour.Withhold, delivered: true),
            Log("n6", NodeBehaviour.AdvertSpam),
        };

        var report = ReportBuilder.BuildSubnet(new SubnetId("app"), logs, 10);

        Assert.Equal(7, report.Nodes);
        Assert.Equal(3, report.HonestNodes);
        var kind = Assert.Single(report.Kinds);
        Assert.Equal(1, kind.DeliveryRatio);
        Assert.Equal(["n0", "n1", "n2"], logs.Where(ReportBuilder.IsHonest).Select(l => l.Node.Value));
    }

    [Fact]
    public void An_honest_node_alive_at_the_end_that_missed_an_artifact_lowers_the_delivery_ratio()
    {
        var logs = new List<NodeRunLog>
        {
            Log("n0", NodeBehaviour.Honest, created: true),
            Log("n1", NodeBehaviour.Honest, delivered: true),
            Log("n2", NodeBehaviour.Crash),
        };

        var report = ReportBuilder.BuildSubnet(new SubnetId("app"), logs, 10);

        Assert.Equal(0.5, Assert.Single(report.Kinds).DeliveryRatio);
    }

    private static NodeRunLog Log(string node, NodeBehaviour behaviour, bool created = false, bool delivered = false, bool alive = true) => new(
        new NodeId(node),
        behaviour,
        created ? [new ArtifactOrigin(Ingress.Id, ArtifactKind.Ingress, 100, 1_000)] : [],
        delivered ? [new DeliveryRecord(Ingress.Id, 1_100)] : [],
        new Dictionary<ArtifactKind, KindCounters>(),
        [],
        [],
        Alive: alive);
}
