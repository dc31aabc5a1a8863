using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Scenarios;
using Xunit;

namespace OrleansGossip.Cluster.Tests;

/// <summary>Eventual delivery despite peers that withhold bodies or serve corrupt ones.</summary>
[Collection(ClusterCollection.Name)]
public sealed class FaultyNodesTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Every_honest_node_gets_every_artifact_although_4_of_13_nodes_withhold_or_corrupt()
    {
        // A node asks the first advertiser, nearly always the (honest) creator, unless its download is queued. One
        // download per peer at a time keeps downloads queued, and jittery links let other peers, faulty ones
        // among them, advert an artifact first; a 1 s download timeout lets withheld downloads move on quickly.
        var scenario = new ScenarioSpec
        {
            Name = "faulty-nodes",
            Seed = 11,
            Protocol = GossipProtocol.AdvertGossip.WireName(),
            TimeScale = 1,
            DurationSeconds = 3,
            DrainSeconds = 30,
            Subnets =
            [
                TestScenarios.SubnetOf(13) with
                {
                    Link = new LinkSpec { LatencyMs = 20, JitterMs = 150 },
                    Behaviours =
                    [
                        new BehaviourSpec { Behaviour = "withhold", Count = 2 },
                        new BehaviourSpec { Behaviour = "corrupt", Count = 2 },
                    ],
                },
            ],
            Workload = new WorkloadSpec
            {
                Ingress = new IngressSpec { RatePerSecond = 60, SizeBytes = 2048 },
                Blocks = new BlockSpec { IntervalSeconds = 1, SizeBytes = 64 * 1024 },
            },
            Gossip = new GossipSettings { DownloadTimeoutMs = 1_000, MaxDownloadsPerPeer = 1 },
        };

        var report = await fixture.Grains.RunToCompletionAsync(TestRuns.NewId("faulty"), scenario);

        var subnet = Assert.Single(report.Subnets);
        Assert.Equal(13, subnet.Nodes);
        Assert.Equal(9, subnet.HonestNodes);
        Assert.Equal(["block-proposal", "ingress"], subnet.Kinds.Select(k => k.Kind).Order());
        Assert.All(subnet.Kinds, k =>
        {
            Assert.True(k.Artifacts > 0, $"no {k.Kind} artifacts were created");
            Assert.True(k.DeliveryRatio == 1, $"{k.Kind}: delivery ratio {k.DeliveryRatio}, not 1");
        });
        Assert.True(subnet.Kinds.Sum(k => k.Rejected) > 0, "no corrupt body was rejected: the corrupting nodes were never asked");
        Assert.True(subnet.Kinds.Sum(k => k.FetchTimeouts) > 0, "no download timed out: the withholding nodes were never asked");
    }
}
