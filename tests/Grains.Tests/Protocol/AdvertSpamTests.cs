using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Grains.Protocol;
using OrleansGossip.Grains.Protocol.Clients;
using Xunit;

namespace OrleansGossip.Grains.Tests.Protocol;

/// <summary>Adverts for artifacts nobody serves: honest nodes give their downloads up and keep delivering real ones.</summary>
public sealed class AdvertSpamTests
{
    private const double TimeoutMs = 500;
    private const double SpamUntilMs = 2_000;
    private const double RatePerSecond = 10;

    [Fact]
    public void Downloads_of_spammed_ids_are_given_up_after_the_timeouts_and_real_artifacts_still_spread()
    {
        var subnet = new SimulatedSubnet(4, GossipProtocol.AdvertGossip, new SimulationOptions
        {
            LatencyMs = 20,
            Settings = GossipSettings.Default with { DownloadTimeoutMs = TimeoutMs, RetransmissionIntervalMs = 3_600_000 },
            Behaviours = new Dictionary<int, NodeBehaviour> { [0] = NodeBehaviour.AdvertSpam },
        });
        var spammer = new AdvertSpamClient(subnet[0], subnet.TransportOf(0), new Random(5), RatePerSecond, SpamUntilMs);
        subnet[0].Attach(spammer);

        var real = new List<Artifact>();
        for (var step = 0; step < 10; step++)
        {
            real.Add(subnet.Submit(1 + (step % 3), ArtifactKind.Ingress, 3_600_000));
            subnet.RunFor(200);
        }

        // While spam goes on, the real artifacts reach every node: the spammer's queue delays nobody else.
        Assert.All(real, a => Assert.Equal(4, subnet.Holders(a.Id)));
        Assert.True(subnet.Nodes.Skip(1).Max(n => n.PendingDownloads) > 0, "no spammed download was pending while the spam went on");

        // Once it stops, every spammed download runs out of tries and is given up.
        subnet.RunFor((AdvertGossipNode.MaxTimeoutsPerAdvertiser * TimeoutMs) + 1_000);

        Assert.Equal((long)(RatePerSecond * SpamUntilMs / 1000), spammer.Adverted);
        for (var i = 1; i < 4; i++)
        {
            var counters = subnet[i].Ledger.For(ArtifactKind.Ingress);
            Assert.Equal(0, subnet[i].PendingDownloads);
            Assert.Equal(spammer.Adverted, counters.Dropped);
            Assert.Equal(AdvertGossipNode.MaxTimeoutsPerAdvertiser * spammer.Adverted, counters.FetchTimeouts);
            Assert.Equal(real.Count - real.Count(a => subnet.Nodes[i].Ledger.Created.Any(c => c.Artifact == a.Id)), counters.Deliveries);
        }

        Assert.True(subnet.IsIdle);
        Assert.Empty(subnet.OverlappingRequests());
    }

    [Fact]
    public void A_spammer_adverts_its_rate_to_each_peer_and_stops_at_its_end()
    {
        var subnet = new SimulatedSubnet(3, GossipProtocol.AdvertGossip, new SimulationOptions { LatencyMs = 20 });
        var spammer = new AdvertSpamClient(subnet[0], subnet.TransportOf(0), new Random(1), ratePerSecond: 40, untilMs: 1_000);
        subnet[0].Attach(spammer);

        subnet.RunFor(3_000);

        var adverts = subnet.Events(SimulationEventKind.Sent, nameof(AdvertMessage)).Where(e => e.From == subnet.IdOf(0)).ToList();
        Assert.Equal(40, spammer.Adverted);
        Assert.Equal(40, adverts.Count(e => e.To == subnet.IdOf(1)));
        Assert.Equal(40, adverts.Count(e => e.To == subnet.IdOf(2)));
        Assert.All(adverts, e => Assert.True(e.AtMs <= 1_000));
        Assert.Null(spammer.NextDeadlineMs);
    }

    [Fact]
    public void A_download_is_not_given_up_while_an_advertiser_has_timeouts_left()
    {
        var download = new Download(new Advert(default, ArtifactKind.Ingress, 0, 1, default), Priority.Fetch);
        var withholder = new Abstractions.Registry.NodeId("w");
        var honest = new Abstractions.Registry.NodeId("h");
        download.AddAdvertiser(withholder);
        download.AddAdvertiser(honest);

        for (var i = 0; i < 5; i++)
        {
            download.RecordTimeout(withholder);
        }

        Assert.False(download.EveryAdvertiserTimedOut(3));
        download.RecordTimeout(honest);
        download.RecordTimeout(honest);
        Assert.False(download.EveryAdvertiserTimedOut(3));
        download.RecordTimeout(honest);
        Assert.True(download.EveryAdvertiserTimedOut(3));
    }
}
