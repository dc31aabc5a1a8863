using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Nodes;
using Xunit;

namespace OrleansGossip.Grains.Tests.Protocol;

/// <summary>The harness itself: its clock, latency, bandwidth, cuts and loss.</summary>
public sealed class SimulatedSubnetTests
{
    [Fact]
    public void A_message_arrives_after_its_serialization_time_plus_the_latency_in_order_per_link()
    {
        var subnet = new SimulatedSubnet(2, GossipProtocol.Flooding, new SimulationOptions { LatencyMs = 10, BandwidthMbps = 8 });
        var first = subnet.Submit(0, ArtifactKind.CertificationShare, 1, sizeBytes: 1_000_000);
        var second = subnet.Submit(0, ArtifactKind.CertificationShare, 2, sizeBytes: 1_000);

        Assert.True(subnet.RunUntilIdle());

        // 8 Mbit/s carries a byte per microsecond.
        var firstWire = new ArtifactTransfer(first, Priority.Fetch).WireSize;
        var secondWire = new ArtifactTransfer(second, Priority.Fetch).WireSize;
        Assert.Equal((firstWire / 1_000.0) + 10, subnet.DeliveredAtMs(1, first.Id));
        Assert.Equal(((firstWire + secondWire) / 1_000.0) + 10, subnet.DeliveredAtMs(1, second.Id));
    }

    [Fact]
    public void RunFor_moves_the_clock_to_the_end_of_the_period()
    {
        var subnet = new SimulatedSubnet(3, GossipProtocol.AdvertGossip);

        subnet.RunFor(1_234.5);

        Assert.Equal(1_234.5, subnet.NowMs);
        Assert.Equal(SimulatedSubnet.Epoch.AddMilliseconds(1_234.5), subnet.Time.GetUtcNow());
    }

    [Fact]
    public void A_cut_link_drops_what_is_sent_on_it_and_what_was_in_flight()
    {
        var subnet = new SimulatedSubnet(2, GossipProtocol.Flooding, new SimulationOptions { LatencyMs = 100 });
        var inFlight = subnet.Submit(0, ArtifactKind.Ingress, 3_600_000);
        subnet.RunFor(50);
        subnet.Cut(0, 1);
        var sentOnCut = subnet.Submit(0, ArtifactKind.Ingress, 3_600_000);
        var otherWay = subnet.Submit(1, ArtifactKind.Ingress, 3_600_000);

        Assert.True(subnet.RunUntilIdle());

        Assert.Equal(2, subnet.Events(SimulationEventKind.Cut).Count());
        Assert.False(subnet[1].Pool.Contains(inFlight.Id));
        Assert.False(subnet[1].Pool.Contains(sentOnCut.Id));
        Assert.True(subnet[0].Pool.Contains(otherWay.Id));
    }

    [Fact]
    public void Loss_drops_about_its_share_of_messages()
    {
        var subnet = new SimulatedSubnet(5, GossipProtocol.Flooding, new SimulationOptions { Loss = 0.25, LossSeed = 3 });
        for (var i = 0; i < 200; i++)
        {
            subnet.Submit(i % 5, ArtifactKind.Ingress, 3_600_000, sizeBytes: 10);
        }

        Assert.True(subnet.RunUntilIdle());

        var sent = subnet.Events(SimulationEventKind.Sent).Count();
        var lost = subnet.Events(SimulationEventKind.Lost).Count();
        Assert.Equal(sent, lost + subnet.Events(SimulationEventKind.Delivered).Count());
        Assert.InRange(lost / (double)sent, 0.2, 0.3);
    }
}
