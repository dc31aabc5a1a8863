using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using Xunit;

namespace OrleansGossip.Grains.Tests.Protocol;

public sealed class MembershipTests
{
    [Theory]
    [InlineData(GossipProtocol.AdvertGossip)]
    [InlineData(GossipProtocol.Flooding)]
    public void Messages_from_a_non_peer_are_refused_and_counted(GossipProtocol protocol)
    {
        var subnet = new SimulatedSubnet(3, protocol);
        var stranger = new NodeId("stranger");
        var artifact = subnet.NewArtifact(ArtifactKind.Ingress, 3_600_000);
        var node = subnet[0];
        var sentBefore = subnet.Events(SimulationEventKind.Sent).Count();

        node.Receive(stranger, new AdvertMessage(artifact.Advert));
        node.Receive(stranger, new ArtifactTransfer(artifact, Priority.Fetch));
        node.Receive(stranger, new ArtifactRequest(artifact.Id, Priority.Fetch));
        node.Receive(stranger, RetransmissionRequest.Instance);

        Assert.Equal(4, node.RejectedNonMember);
        Assert.False(node.Pool.Contains(artifact.Id));
        Assert.Equal(0, node.PendingDownloads);
        Assert.Equal(0, node.Ledger.For(ArtifactKind.Ingress).AdvertsReceived);
        Assert.Equal(0, node.Ledger.For(ArtifactKind.Ingress).BodiesReceived);
        Assert.Equal(sentBefore, subnet.Events(SimulationEventKind.Sent).Count());
    }

    [Fact]
    public void A_node_removed_from_the_peer_set_gets_no_more_traffic_and_its_messages_are_refused()
    {
        var subnet = new SimulatedSubnet(4, GossipProtocol.AdvertGossip, new SimulationOptions
        {
            Settings = GossipSettings.Default with { RetransmissionIntervalMs = 5_000 },
        });
        subnet.RunFor(1_000);
        var removed = subnet.IdOf(3);
        var members = subnet.Ids.Take(3).ToList();
        for (var i = 0; i < 3; i++)
        {
            subnet[i].SetPeers(members);
        }

        var changedAtMs = subnet.NowMs;
        var artifact = subnet.Submit(0, ArtifactKind.CertificationShare, 1);
        subnet.RunFor(20_000);

        Assert.Equal(3, subnet.Holders(artifact.Id));
        Assert.False(subnet[3].Pool.Contains(artifact.Id));
        Assert.DoesNotContain(subnet.Events(SimulationEventKind.Sent), e => e.To == removed && e.AtMs >= changedAtMs);
        Assert.Contains(subnet.Events(SimulationEventKind.Sent), e => e.From == removed && e.AtMs >= changedAtMs);
        Assert.All(Enumerable.Range(0, 3), i => Assert.True(subnet[i].RejectedNonMember > 0));
        Assert.Equal(0, subnet[3].RejectedNonMember);
    }

    [Fact]
    public void Removing_the_peer_a_download_is_in_flight_from_moves_it_to_another_advertiser()
    {
        // Node 0 withholds; node 2 asks it first, then node 0 leaves node 2's peer set before the download times out.
        var subnet = new SimulatedSubnet(3, GossipProtocol.AdvertGossip, new SimulationOptions
        {
            Behaviours = new Dictionary<int, NodeBehaviour> { [0] = NodeBehaviour.Withhold },
        });
        var artifact = subnet.NewArtifact(ArtifactKind.Ingress, 3_600_000);
        subnet[0].Submit(artifact);
        subnet[1].Submit(artifact);
        subnet.RunFor(1_000);
        Assert.Equal(1, subnet[2].PendingDownloads);

        subnet[2].SetPeers([subnet.IdOf(1)]);
        Assert.True(subnet.RunUntil(() => subnet[2].Pool.Contains(artifact.Id), maxMs: 1_000));

        Assert.Equal(0, subnet[2].Ledger.For(ArtifactKind.Ingress).FetchTimeouts);
        Assert.Equal(subnet.IdOf(1), subnet.Events(SimulationEventKind.Sent, nameof(ArtifactRequest)).Last(e => e.From == subnet.IdOf(2)).To);
    }

    [Fact]
    public void Removing_a_peer_keeps_the_downloads_that_were_queued_for_it_but_not_started()
    {
        // One download per peer at a time. Node 3 asks node 1 (withholding) for A, and node 0 (corrupting) for B; B's
        // bad body sends it to its next advertiser, node 1, where it queues behind A. When node 1 leaves node 3's peer
        // set, both must move to node 2 at once, not wait for the next retransmission (60 s).
        var subnet = new SimulatedSubnet(4, GossipProtocol.AdvertGossip, new SimulationOptions
        {
            Settings = GossipSettings.Default with { MaxDownloadsPerPeer = 1 },
            Behaviours = new Dictionary<int, NodeBehaviour> { [0] = NodeBehaviour.Corrupt, [1] = NodeBehaviour.Withhold },
        });
        var a = subnet.NewArtifact(ArtifactKind.Ingress, 3_600_000);
        var b = subnet.NewArtifact(ArtifactKind.Ingress, 3_600_000);
        subnet[1].Submit(a);
        subnet[2].Submit(a);
        subnet[0].Submit(b);
        subnet[1].Submit(b);
        subnet[2].Submit(b);

        subnet.RunFor(1_000);
        Assert.Equal(2, subnet[3].PendingDownloads);
        Assert.Equal(1, subnet[3].Ledger.For(ArtifactKind.Ingress).Rejected);

        subnet[3].SetPeers([subnet.IdOf(0), subnet.IdOf(2)]);

        Assert.True(
            subnet.RunUntil(() => subnet[3].Pool.Contains(a.Id) && subnet[3].Pool.Contains(b.Id), maxMs: 1_000),
            $"node 3 holds {subnet[3].Pool.Count} of 2 artifacts a second after the change");
        Assert.Equal(0, subnet[3].PendingDownloads);
    }

    [Fact]
    public void A_peer_added_later_catches_up_on_what_the_others_hold()
    {
        var subnet = new SimulatedSubnet(4, GossipProtocol.AdvertGossip);
        var members = subnet.Ids.Take(3).ToList();
        for (var i = 0; i < 4; i++)
        {
            subnet[i].SetPeers(i < 3 ? members : []);
        }

        var artifact = subnet.Submit(0, ArtifactKind.DkgDealing, 1, sizeBytes: 5_000);
        Assert.True(subnet.RunUntilIdle());
        Assert.Equal(3, subnet.Holders(artifact.Id));

        for (var i = 0; i < 4; i++)
        {
            subnet[i].SetPeers(subnet.Ids);
        }

        Assert.True(subnet.RunUntil(() => subnet[3].Pool.Contains(artifact.Id), maxMs: 1_000));
    }
}
