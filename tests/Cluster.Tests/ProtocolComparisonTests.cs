using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Reports;
using Xunit;

namespace OrleansGossip.Cluster.Tests;

/// <summary>Advert-based gossip against flooding on the same workload: each node should receive each body about once.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ProtocolComparisonTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Advert_gossip_receives_each_body_about_once_where_flooding_receives_it_once_per_peer()
    {
        var grains = fixture.Grains;
        var runs = await Task.WhenAll(
            grains.RunToCompletionAsync(TestRuns.NewId("advert"), TestScenarios.Traffic(GossipProtocol.AdvertGossip)),
            grains.RunToCompletionAsync(TestRuns.NewId("flooding"), TestScenarios.Traffic(GossipProtocol.Flooding)));
        var advert = KindsOf(runs[0]);
        var flooding = KindsOf(runs[1]);

        Assert.Equal(["block-proposal", "ingress"], advert.Select(k => k.Kind).Order());
        Assert.Equal(advert.Select(k => (k.Kind, k.Artifacts)), flooding.Select(k => (k.Kind, k.Artifacts)));
        foreach (var kind in advert.Concat(flooding))
        {
            Assert.True(kind.Artifacts > 0, $"no {kind.Kind} artifacts were created");
            Assert.True(kind.DeliveryRatio == 1, $"{kind.Kind}: delivery ratio {kind.DeliveryRatio}, not 1");
        }

        Assert.All(advert, k => Assert.True(k.DuplicateRatio is >= 1 and <= 1.05, $"advert-gossip {k.Kind}: duplicate ratio {k.DuplicateRatio}"));
        Assert.All(flooding, k => Assert.True(k.DuplicateRatio >= 8, $"flooding {k.Kind}: duplicate ratio {k.DuplicateRatio}"));
    }

    private static IReadOnlyList<KindReport> KindsOf(RunReport report)
    {
        var subnet = Assert.Single(report.Subnets);
        Assert.Equal(13, subnet.Nodes);
        Assert.Equal(13, subnet.HonestNodes);
        return subnet.Kinds;
    }
}
