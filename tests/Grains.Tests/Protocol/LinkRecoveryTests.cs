using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Nodes;
using Xunit;

namespace OrleansGossip.Grains.Tests.Protocol;

public sealed class LinkRecoveryTests
{
    private const double LatencyMs = 50;

    [Theory]
    [InlineData(GossipProtocol.AdvertGossip)]
    [InlineData(GossipProtocol.Flooding)]
    public void A_cut_link_healed_later_loses_nothing(GossipProtocol protocol)
    {
        var subnet = new SimulatedSubnet(2, protocol, new SimulationOptions { LatencyMs = LatencyMs });
        subnet.RunFor(1_000);
        subnet.CutBoth(0, 1);
        var fromZero = subnet.Submit(0, ArtifactKind.Ingress, 3_600_000);
        var fromOne = subnet.Submit(1, ArtifactKind.CertificationShare, 4);

        subnet.RunFor(9_000);
        Assert.False(subnet[1].Pool.Contains(fromZero.Id));
        Assert.False(subnet[0].Pool.Contains(fromOne.Id));
        Assert.Contains(subnet.Log, e => e.Kind == SimulationEventKind.Cut);

        subnet.Heal(0, 1);
        Assert.True(subnet.RunUntilIdle());

        Assert.True(subnet[1].Pool.Contains(fromZero.Id));
        Assert.True(subnet[0].Pool.Contains(fromOne.Id));

        // The reconnect, not the periodic retransmission (due at 60 s), brought them.
        var expected = protocol == GossipProtocol.AdvertGossip ? 10_000 + (3 * LatencyMs) : 10_000 + LatencyMs;
        Assert.Equal(expected, subnet.DeliveredAtMs(1, fromZero.Id));
        Assert.Equal(expected, subnet.DeliveredAtMs(0, fromOne.Id));
    }

    [Fact]
    public void A_download_in_flight_over_a_link_that_was_cut_is_retried_when_it_heals_not_after_its_timeout()
    {
        var subnet = new SimulatedSubnet(2, GossipProtocol.AdvertGossip, new SimulationOptions { LatencyMs = LatencyMs });
        subnet.RunFor(1_000);
        var artifact = subnet.Submit(0, ArtifactKind.Ingress, 3_600_000);
        subnet.RunFor(LatencyMs + 10); // node 1 has the advert and its request is on the way
        subnet.CutBoth(0, 1);
        subnet.RunFor(2_000);
        Assert.Equal(1, subnet[1].PendingDownloads);

        subnet.Heal(0, 1);
        Assert.True(subnet.RunUntilIdle());

        Assert.Equal(1_000 + LatencyMs + 10 + 2_000 + (2 * LatencyMs), subnet.DeliveredAtMs(1, artifact.Id));
        Assert.Equal(0, subnet[1].Ledger.For(ArtifactKind.Ingress).FetchTimeouts);
    }

    [Fact]
    public void A_message_lost_without_notice_is_recovered_by_the_periodic_retransmission_request()
    {
        const double intervalMs = 60_000;
        var subnet = new SimulatedSubnet(2, GossipProtocol.AdvertGossip, new SimulationOptions
        {
            LatencyMs = LatencyMs,
            Settings = GossipSettings.Default with { RetransmissionIntervalMs = intervalMs },
        });
        subnet.RunFor(1_000);
        subnet.Cut(0, 1);
        var artifact = subnet.Submit(0, ArtifactKind.Ingress, 3_600_000);
        subnet.RunFor(1_000);
        subnet.Restore(0, 1);

        subnet.RunFor(intervalMs - 2_000 - 1);
        Assert.False(subnet[1].Pool.Contains(artifact.Id));
        Assert.Single(subnet.Events(SimulationEventKind.Cut, nameof(AdvertMessage)));
        Assert.Empty(subnet.Events(SimulationEventKind.Delivered, nameof(AdvertMessage)));

        Assert.True(subnet.RunUntil(() => subnet[1].Pool.Contains(artifact.Id), maxMs: 1_000));
        // Retransmission request, advert, request and body: four latencies after node 1's periodic request.
        Assert.Equal(intervalMs + (4 * LatencyMs), subnet.DeliveredAtMs(1, artifact.Id));
        var retransmission = subnet.Events(SimulationEventKind.Delivered, nameof(RetransmissionRequest))
            .Last(e => e.From == subnet.IdOf(1) && e.AtMs <= intervalMs + LatencyMs);
        Assert.Equal(intervalMs + LatencyMs, retransmission.AtMs);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Randomly_lost_messages_are_recovered(int lossSeed)
    {
        var subnet = new SimulatedSubnet(6, GossipProtocol.AdvertGossip, new SimulationOptions
        {
            Loss = 0.3,
            LossSeed = lossSeed,
            Settings = GossipSettings.Default with { DownloadTimeoutMs = 2_000, RetransmissionIntervalMs = 5_000 },
        });
        var artifacts = new List<Artifact>();
        for (var i = 0; i < 12; i++)
        {
            artifacts.Add(subnet.Submit(i % 6, ArtifactKind.Ingress, 3_600_000, sizeBytes: 2_000));
            subnet.RunFor(100);
        }

        Assert.True(
            subnet.RunUntil(() => artifacts.All(a => subnet.Holders(a.Id) == 6), maxMs: 600_000),
            $"{artifacts.Count(a => subnet.Holders(a.Id) < 6)} artifacts are missing somewhere");
        Assert.True(subnet.Events(SimulationEventKind.Lost).Count() > 100);
        Assert.True(subnet.Nodes.Sum(n => n.Ledger.For(ArtifactKind.Ingress).FetchTimeouts) > 0);
    }
}
