using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Nodes;
using Xunit;

namespace OrleansGossip.Grains.Tests.Protocol;

public sealed class AdvertGossipDeliveryTests
{
    private const int Nodes = 13;

    [Theory]
    [InlineData(null)]
    [InlineData(100.0)]
    public void Advert_gossip_delivers_to_all_13_nodes_one_body_each(double? bandwidthMbps)
    {
        var subnet = new SimulatedSubnet(Nodes, GossipProtocol.AdvertGossip, new SimulationOptions { BandwidthMbps = bandwidthMbps });

        var artifact = subnet.Submit(0, ArtifactKind.BlockProposal, attribute: 1, sizeBytes: 256 * 1024);

        Assert.True(subnet.RunUntilIdle());
        Assert.Equal(Nodes, subnet.Holders(artifact.Id));
        Assert.Equal(0, subnet[0].Ledger.For(ArtifactKind.BlockProposal).BodiesReceived);
        for (var i = 1; i < Nodes; i++)
        {
            var counters = subnet[i].Ledger.For(ArtifactKind.BlockProposal);
            Assert.Equal(1, counters.BodiesReceived);
            Assert.Equal(artifact.Body.Size, counters.BodyBytesReceived);
            Assert.Equal(1, counters.RequestsSent);
            Assert.Equal(1, counters.Deliveries);
            Assert.True(subnet[i].Pool.TryGet(artifact.Id, out var held));
            Assert.True(held.IsIntact);
        }

        var bodies = subnet.Nodes.Sum(n => n.Ledger.For(ArtifactKind.BlockProposal).BodiesReceived);
        Assert.Equal(1.0, bodies / (double)(Nodes - 1));
        Assert.Equal(Nodes - 1, subnet.Events(SimulationEventKind.Sent, nameof(ArtifactTransfer)).Count());
    }

    [Fact]
    public void Flooding_delivers_to_all_13_nodes_about_one_body_per_peer()
    {
        var subnet = new SimulatedSubnet(Nodes, GossipProtocol.Flooding);

        var artifact = subnet.Submit(0, ArtifactKind.BlockProposal, attribute: 1, sizeBytes: 256 * 1024);

        Assert.True(subnet.RunUntilIdle());
        Assert.Equal(Nodes, subnet.Holders(artifact.Id));
        for (var i = 1; i < Nodes; i++)
        {
            var counters = subnet[i].Ledger.For(ArtifactKind.BlockProposal);
            Assert.InRange(counters.BodiesReceived, Nodes - 2, Nodes - 1);
            Assert.Equal(1, counters.Deliveries);
        }

        var bodies = subnet.Nodes.Sum(n => n.Ledger.For(ArtifactKind.BlockProposal).BodiesReceived);
        Assert.InRange(bodies / (double)(Nodes - 1), Nodes - 2, Nodes);
    }

    [Fact]
    public void Advert_gossip_saves_body_bytes_against_flooding_on_the_same_workload()
    {
        long BodyBytes(GossipProtocol protocol)
        {
            var subnet = new SimulatedSubnet(Nodes, protocol);
            for (var height = 1; height <= 5; height++)
            {
                subnet.Submit(height % Nodes, ArtifactKind.BlockProposal, height, sizeBytes: 100_000);
                subnet.RunFor(1_000);
            }

            Assert.True(subnet.RunUntilIdle());
            return subnet.Nodes.Sum(n => n.Ledger.For(ArtifactKind.BlockProposal).BodyBytesReceived);
        }

        var minimum = 5L * (Nodes - 1) * 100_000;
        Assert.Equal(minimum, BodyBytes(GossipProtocol.AdvertGossip));
        Assert.True(BodyBytes(GossipProtocol.Flooding) >= (Nodes - 2) * minimum);
    }

    [Fact]
    public void Advert_gossip_relays_through_a_node_when_the_creator_cannot_reach_the_others()
    {
        var subnet = new SimulatedSubnet(5, GossipProtocol.AdvertGossip);
        for (var i = 2; i < 5; i++)
        {
            subnet.CutBoth(0, i);
        }

        var artifact = subnet.Submit(0, ArtifactKind.Ingress, attribute: 300_000);

        Assert.True(subnet.RunUntilIdle());
        Assert.Equal(5, subnet.Holders(artifact.Id));
        for (var i = 2; i < 5; i++)
        {
            Assert.Equal(1, subnet[i].Ledger.For(ArtifactKind.Ingress).BodiesReceived);
        }
    }
}
