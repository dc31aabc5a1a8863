using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Nodes;
using Xunit;

namespace OrleansGossip.Grains.Tests.Protocol;

public sealed class SubmitDuringDownloadTests
{
    [Fact]
    public void An_artifact_submitted_while_it_is_being_downloaded_ends_the_download_without_blaming_the_sender()
    {
        // Node 1 downloads the artifact from node 0 over a slow link; meanwhile the same artifact is submitted at node 1.
        var subnet = new SimulatedSubnet(3, GossipProtocol.AdvertGossip);
        subnet.SetBandwidth(0, 1, 1);
        var artifact = subnet.NewArtifact(ArtifactKind.Ingress, 3_600_000, sizeBytes: 1024 * 1024);
        subnet[0].Submit(artifact);

        // The body (over 8 s on the wire) arrives before the priority function is next rebuilt, at 9 s.
        subnet.RunFor(8_000);
        Assert.Equal(1, subnet[1].PendingDownloads);

        subnet[1].Submit(artifact);

        Assert.True(subnet.RunUntilIdle(maxMs: 30_000));
        var node = subnet[1];
        Assert.Equal(0, node.PendingDownloads);
        Assert.Equal(0, node.Ledger.For(ArtifactKind.Ingress).Rejected);
        Assert.Empty(node.Ledger.Misbehaviour);
        Assert.True(node.Pool.Contains(artifact.Id));
        Assert.Equal(3, subnet.Holders(artifact.Id));
    }
}
