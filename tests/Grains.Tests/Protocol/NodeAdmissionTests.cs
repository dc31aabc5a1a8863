using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using Xunit;

namespace OrleansGossip.Grains.Tests.Protocol;

/// <summary>
/// A node checks every message's sender against the members of its subnet at the registry versions in use (not
/// against its peers in the topology): a non-member is refused and counted, a member it does not gossip with ignored.
/// </summary>
[Trait("Category", "Security")]
public sealed class NodeAdmissionTests
{
    [Theory]
    [InlineData(GossipProtocol.AdvertGossip)]
    [InlineData(GossipProtocol.Flooding)]
    [InlineData(GossipProtocol.AbortableBroadcast)]
    public void Only_messages_from_non_members_count_as_rejected(GossipProtocol protocol)
    {
        var subnet = new SimulatedSubnet(4, protocol);
        var node = subnet[0];
        var artifact = subnet.NewArtifact(ArtifactKind.Ingress, 3_600_000);
        node.SetMembers(subnet.Ids);
        node.SetPeers([subnet.IdOf(1), subnet.IdOf(2)]);

        // Node 3 is a member but not a peer (a sparse topology): ignored, not refused.
        node.Receive(subnet.IdOf(3), new AdvertMessage(artifact.Advert));
        Assert.Equal(0, node.RejectedNonMember);

        // A node of another subnet: refused and counted, whatever it sends.
        var stranger = new NodeId("other-n0");
        node.Receive(stranger, new AdvertMessage(artifact.Advert));
        node.Receive(stranger, new ArtifactRequest(artifact.Id, Priority.Fetch));
        node.Receive(stranger, new ArtifactTransfer(artifact, Priority.Fetch));
        Assert.Equal(3, node.RejectedNonMember);
        Assert.Equal(3, node.Ledger.RejectedNonMember);
        Assert.False(node.Pool.Contains(artifact.Id));
        Assert.Equal(0, node.Ledger.For(ArtifactKind.Ingress).AdvertsReceived);
        Assert.Equal(0, node.Ledger.For(ArtifactKind.Ingress).BodiesReceived);
    }

    [Fact]
    public void A_member_removed_from_the_registry_is_refused_from_the_next_member_set_on()
    {
        var subnet = new SimulatedSubnet(3, GossipProtocol.AdvertGossip);
        var node = subnet[0];
        var artifact = subnet.NewArtifact(ArtifactKind.Ingress, 3_600_000);
        node.SetMembers(subnet.Ids);
        Assert.True(node.IsMember(subnet.IdOf(2)));

        node.SetMembers([subnet.IdOf(0), subnet.IdOf(1)]);
        node.Receive(subnet.IdOf(2), new ArtifactTransfer(artifact, Priority.Fetch));

        Assert.False(node.IsMember(subnet.IdOf(2)));
        Assert.Equal(1, node.RejectedNonMember);
        Assert.False(node.Pool.Contains(artifact.Id));
    }
}
