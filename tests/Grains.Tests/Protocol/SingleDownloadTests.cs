using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Nodes;
using Xunit;

namespace OrleansGossip.Grains.Tests.Protocol;

public sealed class SingleDownloadTests
{
    [Fact]
    public void Adverts_arriving_during_a_download_do_not_start_a_second_one()
    {
        // Node 5's link from the creator is slow (1 MiB at 1 Mbit/s, over 8 s), so the other eleven nodes have the
        // artifact, and advert it to node 5, long before its download ends.
        var subnet = new SimulatedSubnet(13, GossipProtocol.AdvertGossip, new SimulationOptions { BandwidthMbps = 1_000 });
        subnet.SetBandwidth(0, 5, 1);

        var artifact = subnet.Submit(0, ArtifactKind.BlockProposal, 1, sizeBytes: 1024 * 1024);

        subnet.RunFor(5_000);
        Assert.Equal(12, subnet.Holders(artifact.Id));
        Assert.True(subnet[5].Ledger.For(ArtifactKind.BlockProposal).AdvertsReceived >= 12);
        Assert.Equal(1, subnet[5].PendingDownloads);

        Assert.True(subnet.RunUntilIdle());
        var requests = subnet.Events(SimulationEventKind.Sent, nameof(ArtifactRequest)).Where(e => e.From == subnet.IdOf(5)).ToList();
        Assert.Equal(subnet.IdOf(0), Assert.Single(requests).To);
        Assert.Equal(1, subnet[5].Ledger.For(ArtifactKind.BlockProposal).BodiesReceived);
        Assert.True(subnet.DeliveredAtMs(5, artifact.Id) > 8_000);
        Assert.Equal(13, subnet.Holders(artifact.Id));
        Assert.Empty(subnet.OverlappingRequests());
    }

    [Fact]
    public void Each_node_sends_one_request_per_artifact_when_all_advertisers_are_honest()
    {
        var subnet = new SimulatedSubnet(13, GossipProtocol.AdvertGossip, new SimulationOptions { BandwidthMbps = 100 });
        var artifacts = new List<Artifact>();
        for (var i = 0; i < 13; i++)
        {
            artifacts.Add(subnet.Submit(i, ArtifactKind.Ingress, 600_000, sizeBytes: 50_000));
            subnet.RunFor(3);
        }

        Assert.True(subnet.RunUntilIdle());

        var requests = subnet.Events(SimulationEventKind.Sent, nameof(ArtifactRequest)).ToList();
        Assert.Equal(13 * 12, requests.Count);
        Assert.All(requests.GroupBy(e => (e.From, e.Artifact)), g => Assert.Single(g));
        Assert.All(artifacts, a => Assert.Equal(13, subnet.Holders(a.Id)));
    }
}
