using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Grains.Protocol;
using Xunit;

namespace OrleansGossip.Grains.Tests.Protocol;

public sealed class DownloadTimeoutTests
{
    private const double LatencyMs = 50;

    [Theory]
    [InlineData(15_000)]
    [InlineData(3_000)]
    public void A_withheld_download_times_out_after_the_timeout_and_moves_to_the_next_advertiser(double timeoutMs)
    {
        // Node 0 withholds, node 1 is honest; both hold the artifact, and node 2 hears of it from node 0 first.
        var subnet = new SimulatedSubnet(3, GossipProtocol.AdvertGossip, new SimulationOptions
        {
            LatencyMs = LatencyMs,
            Settings = GossipSettings.Default with { DownloadTimeoutMs = timeoutMs },
            Behaviours = new Dictionary<int, NodeBehaviour> { [0] = NodeBehaviour.Withhold },
        });
        var artifact = subnet.NewArtifact(ArtifactKind.CertificationShare, 1);
        subnet[0].Submit(artifact);
        subnet[1].Submit(artifact);

        Assert.True(subnet.RunUntilIdle());

        var requests = Requests(subnet, 2);
        Assert.Equal([(0, LatencyMs), (1, LatencyMs + timeoutMs)], requests);
        var counters = subnet[2].Ledger.For(ArtifactKind.CertificationShare);
        Assert.Equal(1, counters.FetchTimeouts);
        Assert.Equal(2, counters.RequestsSent);
        Assert.Equal(1, counters.BodiesReceived);
        Assert.Equal(LatencyMs + timeoutMs + (2 * LatencyMs), subnet.DeliveredAtMs(2, artifact.Id));
        Assert.True(subnet[2].Pool.Contains(artifact.Id));
        Assert.Empty(subnet.OverlappingRequests());
    }

    [Fact]
    public void Peers_that_timed_out_go_to_the_back_of_the_advertisers()
    {
        // Nodes 0 and 1 withhold; node 2 is honest; node 3 hears of the artifact from 0, 1 and 2 in that order.
        const double timeoutMs = 2_000;
        var subnet = new SimulatedSubnet(4, GossipProtocol.AdvertGossip, new SimulationOptions
        {
            LatencyMs = LatencyMs,
            Settings = GossipSettings.Default with { DownloadTimeoutMs = timeoutMs },
            Behaviours = new Dictionary<int, NodeBehaviour> { [0] = NodeBehaviour.Withhold, [1] = NodeBehaviour.Withhold },
        });
        var artifact = subnet.NewArtifact(ArtifactKind.Ingress, 600_000);
        for (var i = 0; i < 3; i++)
        {
            subnet[i].Submit(artifact);
        }

        Assert.True(subnet.RunUntilIdle());

        Assert.Equal([(0, LatencyMs), (1, LatencyMs + timeoutMs), (2, LatencyMs + (2 * timeoutMs))], Requests(subnet, 3));
        Assert.Equal(2, subnet[3].Ledger.For(ArtifactKind.Ingress).FetchTimeouts);
        Assert.True(subnet[3].Pool.Contains(artifact.Id));
    }

    [Fact]
    public void A_lone_withholding_advertiser_is_retried_after_each_timeout_until_the_download_is_given_up_and_an_honest_advert_starts_it_afresh()
    {
        const double timeoutMs = 1_000;
        var subnet = new SimulatedSubnet(3, GossipProtocol.AdvertGossip, new SimulationOptions
        {
            LatencyMs = LatencyMs,
            Settings = GossipSettings.Default with { DownloadTimeoutMs = timeoutMs },
            Behaviours = new Dictionary<int, NodeBehaviour> { [0] = NodeBehaviour.Withhold },
        });
        subnet.CutBoth(1, 2);
        var artifact = subnet.NewArtifact(ArtifactKind.Ingress, 600_000);
        subnet[0].Submit(artifact);
        subnet[1].Submit(artifact);

        subnet.RunFor(2_500);
        Assert.Equal(2, subnet[2].Ledger.For(ArtifactKind.Ingress).FetchTimeouts);
        Assert.Equal(1, subnet[2].PendingDownloads);

        // The third timeout of its only advertiser gives the download up, counted as dropped.
        subnet.RunFor(1_000);
        Assert.Equal(AdvertGossipNode.MaxTimeoutsPerAdvertiser, subnet[2].Ledger.For(ArtifactKind.Ingress).FetchTimeouts);
        Assert.Equal(0, subnet[2].PendingDownloads);
        Assert.Equal(1, subnet[2].Ledger.For(ArtifactKind.Ingress).Dropped);
        Assert.False(subnet[2].Pool.Contains(artifact.Id));

        subnet.Heal(1, 2);
        Assert.True(subnet.RunUntilIdle());
        Assert.True(subnet[2].Pool.Contains(artifact.Id));
        Assert.Empty(subnet.OverlappingRequests());
    }

    /// <summary>The (peer, time) of each request <paramref name="node"/> sent.</summary>
    private static List<(int Peer, double AtMs)> Requests(SimulatedSubnet subnet, int node) =>
        subnet.Events(SimulationEventKind.Sent, nameof(ArtifactRequest))
            .Where(e => e.From == subnet.IdOf(node))
            .Select(e => (subnet.IndexOf(e.To), e.AtMs))
            .ToList();
}
