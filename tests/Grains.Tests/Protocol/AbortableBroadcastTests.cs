using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Grains.Protocol.AbortableBroadcast;
using Xunit;

namespace OrleansGossip.Grains.Tests.Protocol;

/// <summary>Abortable Broadcast, against the behaviours the IC replica's consensus-manager tests check.</summary>
public sealed class AbortableBroadcastTests
{
    private const int Large = 64 * 1024;

    [Theory]
    [InlineData(200)]
    [InlineData(Large)]
    public void An_artifact_reaches_every_other_peer_once(int size)
    {
        var subnet = new SimulatedSubnet(13, GossipProtocol.AbortableBroadcast);
        var artifact = subnet.Submit(0, ArtifactKind.Ingress, long.MaxValue, size);

        Assert.True(subnet.RunUntil(() => subnet.Holders(artifact.Id) == 13, 10_000));
        for (var i = 1; i < 13; i++)
        {
            Assert.Equal(1, subnet[i].Ledger.For(ArtifactKind.Ingress).BodiesReceived);
        }

        // Small or latency-sensitive artifacts are pushed whole: no request is ever sent for them.
        var requests = subnet.Events(SimulationEventKind.Sent, nameof(ArtifactRequest)).Count();
        Assert.Equal(0, requests);
    }

    [Fact]
    public void A_block_proposal_goes_by_id_and_is_fetched_from_an_advertiser()
    {
        var subnet = new SimulatedSubnet(7, GossipProtocol.AbortableBroadcast);
        var block = subnet.Submit(0, ArtifactKind.BlockProposal, 1, Large);

        Assert.True(subnet.RunUntil(() => subnet.Holders(block.Id) == 7, 10_000));
        Assert.Equal(6, subnet.Events(SimulationEventKind.Sent, nameof(ArtifactRequest)).Count());
        Assert.All(subnet.Events(SimulationEventKind.Sent, nameof(SlotUpdate)), e => Assert.Equal(subnet.IdOf(0), e.From));
        Assert.Empty(subnet.OverlappingRequests());
    }

    [Fact]
    public void A_peer_that_joins_later_gets_what_is_already_in_the_pools()
    {
        var subnet = new SimulatedSubnet(5, GossipProtocol.AbortableBroadcast, new SimulationOptions { BlockClock = false });
        var late = subnet.IdOf(4);
        var early = subnet.Ids.Take(4).ToList();
        for (var i = 0; i < 4; i++)
        {
            subnet[i].SetPeers(early);
        }

        subnet[4].SetPeers([]);
        var made = Enumerable.Range(0, 8).Select(i => subnet.Submit(i % 4, ArtifactKind.BlockProposal, 1 + i, Large)).ToList();
        subnet.RunFor(3_000);
        Assert.All(made, a => Assert.False(subnet[4].Pool.Contains(a.Id)));

        foreach (var node in subnet.Nodes)
        {
            node.SetPeers(subnet.Ids);
        }

        Assert.True(subnet.RunUntil(() => made.All(a => subnet.Holders(a.Id) == 5), 20_000));
        Assert.Contains(late, subnet[0].Peers);
    }

    [Fact]
    public void A_flapping_connection_causes_no_duplicate_download()
    {
        var subnet = new SimulatedSubnet(3, GossipProtocol.AbortableBroadcast, new SimulationOptions { BandwidthMbps = 10 });
        var block = subnet.Submit(0, ArtifactKind.BlockProposal, 1, 512 * 1024);
        for (var flap = 0; flap < 6; flap++)
        {
            subnet.RunFor(120);
            subnet.CutBoth(0, 1);
            subnet.RunFor(60);
            subnet.Heal(0, 1);
        }

        Assert.True(subnet.RunUntil(() => subnet.Holders(block.Id) == 3, 120_000));
        Assert.Equal(1, subnet[1].Ledger.For(ArtifactKind.BlockProposal).Deliveries);
        Assert.Empty(subnet.OverlappingRequests());
        Assert.True(subnet[0].Ledger.ProtocolCounters[SlotMetrics.ResendReconnect] >= 6);
        Assert.True(subnet[1].Ledger.ProtocolCounters.GetValueOrDefault(SlotMetrics.Stale) +
                    subnet[1].Ledger.ProtocolCounters.GetValueOrDefault(SlotMetrics.Overwrite) > 0);
    }

    [Theory]
    [InlineData(4, 1)]
    [InlineData(5, 2)]
    [InlineData(6, 3)]
    [InlineData(7, 4)]
    [InlineData(8, 5)]
    public void Random_inserts_and_purges_converge_to_equal_pools(int nodes, int seed)
    {
        var subnet = new SimulatedSubnet(nodes, GossipProtocol.AbortableBroadcast, new SimulationOptions { NodeSeed = seed });
        var random = new Random(seed);
        var own = Enumerable.Range(0, nodes).Select(_ => new List<Artifact>()).ToArray();
        for (var step = 0; step < 60; step++)
        {
            var node = random.Next(nodes);
            if (own[node].Count > 0 && random.NextDouble() < 0.4)
            {
                var victim = own[node][random.Next(own[node].Count)];
                own[node].Remove(victim);
                subnet[node].Pool.RemoveAll(GossipChannel.Consensus, [victim.Id]);
            }
            else
            {
                own[node].Add(subnet.Submit(node, ArtifactKind.BlockProposal, 1, random.Next(2) == 0 ? 300 : Large));
            }

            subnet.RunFor(random.Next(0, 400));
        }

        // A node frees the slots of what left its pool when it next rebuilds (every second), and takes freed slots
        // again lowest first: once every node has made as many new artifacts as it purged, every stale slot at its
        // peers has been overwritten.
        subnet.RunFor(1_500);
        for (var node = 0; node < nodes; node++)
        {
            for (var i = 0; i < 60; i++)
            {
                own[node].Add(subnet.Submit(node, ArtifactKind.BlockProposal, 1, 300));
            }
        }

        var expected = own.SelectMany(a => a).Select(a => a.Id).ToHashSet();
        subnet.RunFor(30_000);
        for (var n = 0; n < nodes; n++)
        {
            var held = subnet[n].Pool.Validated.Select(a => a.Id).ToHashSet();
            Assert.True(held.SetEquals(expected), $"node {n}: missing {expected.Except(held).Count()}, extra {held.Except(expected).Count()}");
        }

        Assert.True(subnet.RunUntil(() => subnet.Nodes.All(n => n.Pool.Validated.Select(a => a.Id).ToHashSet().SetEquals(expected)), 60_000),
            "pools did not converge to the union of what the nodes hold");
    }

    [Fact]
    public void Stale_updates_are_ignored()
    {
        var subnet = new SimulatedSubnet(2, GossipProtocol.AbortableBroadcast);
        var node = subnet[1];
        var from = subnet.IdOf(0);
        var first = subnet.NewArtifact(ArtifactKind.BlockProposal, 1, 300);
        var second = subnet.NewArtifact(ArtifactKind.BlockProposal, 1, 300);

        node.Receive(from, new SlotUpdate(5, 10, 0, second.Advert, second));
        node.Receive(from, new SlotUpdate(5, 9, 0, first.Advert, first));
        node.Receive(from, new SlotUpdate(4, 99, 0, first.Advert, first));

        Assert.True(node.Pool.Contains(second.Id));
        Assert.False(node.Pool.Contains(first.Id));
        Assert.Equal(2, node.Ledger.ProtocolCounters[SlotMetrics.Stale]);
        Assert.Equal(3, node.Ledger.ProtocolCounters[SlotMetrics.Updates]);
    }

    [Fact]
    public void The_slot_limit_holds_under_spam()
    {
        var settings = GossipSettings.Default with { IngressSlotLimit = 100 };
        var subnet = new SimulatedSubnet(2, GossipProtocol.AbortableBroadcast, new SimulationOptions { Settings = settings });
        var node = (AbortableBroadcastNode)subnet[1];
        var spammer = subnet.IdOf(0);
        for (var slot = 0; slot < 1_000; slot++)
        {
            var bogus = subnet.NewArtifact(ArtifactKind.Ingress, long.MaxValue, Large);
            node.Receive(spammer, new SlotUpdate(1, slot + 1, slot, bogus.Advert, null));
        }

        Assert.Equal(100, node.SlotsHeldBy(spammer, GossipChannel.Ingress));
        Assert.Equal(900, node.Ledger.ProtocolCounters[SlotMetrics.LimitExceeded]);
        Assert.True(node.PendingDownloads <= 100);
    }

    [Fact]
    public void An_artifact_the_bouncer_may_want_later_is_dropped_then_fetched_when_wanted()
    {
        var subnet = new SimulatedSubnet(2, GossipProtocol.AbortableBroadcast);
        var ahead = subnet.NewArtifact(ArtifactKind.NotarizationShare, 50, 200);
        subnet[0].Submit(ahead);
        subnet.RunFor(500);
        Assert.False(subnet[1].Pool.Contains(ahead.Id));
        Assert.True(subnet[1].Ledger.ProtocolCounters[SlotMetrics.PushDropped] >= 1);

        subnet[1].Pool.FinalizedHeight = 45;
        Assert.True(subnet.RunUntil(() => subnet[1].Pool.Contains(ahead.Id), 10_000));
        Assert.Equal(1, subnet[1].Ledger.For(ArtifactKind.NotarizationShare).RequestsSent);
    }

    [Fact]
    public void Removing_an_artifact_aborts_its_pending_transmission()
    {
        var subnet = new SimulatedSubnet(2, GossipProtocol.AbortableBroadcast);
        subnet.CutBoth(0, 1);
        var doomed = subnet.Submit(0, ArtifactKind.BlockProposal, 1, Large);
        subnet.RunFor(300);
        subnet[0].Pool.RemoveAll(GossipChannel.Consensus, [doomed.Id]);
        subnet.RunFor(1_500);
        subnet.Restore(0, 1);
        subnet.Restore(1, 0);
        subnet.RunFor(70_000);

        Assert.False(subnet[1].Pool.Contains(doomed.Id));
        Assert.True(subnet[0].Ledger.ProtocolCounters[SlotMetrics.Aborted] >= 1);
        Assert.True(subnet[0].Ledger.ProtocolCounters[SlotMetrics.SendRetries] >= 1);
    }

    [Fact]
    public void A_peer_leaving_the_topology_is_removed_from_every_assembly()
    {
        var subnet = new SimulatedSubnet(3, GossipProtocol.AbortableBroadcast);
        subnet.CutBoth(0, 2);
        subnet.Cut(1, 2);
        var block = subnet.Submit(2, ArtifactKind.BlockProposal, 1, Large);
        subnet.RunFor(200);
        var node = (AbortableBroadcastNode)subnet[1];
        Assert.Contains(subnet.IdOf(2), node.AdvertisersOf(block.Id));

        node.SetPeers([subnet.IdOf(0), subnet.IdOf(1)]);
        Assert.Empty(node.AdvertisersOf(block.Id));
        Assert.Equal(0, node.PendingDownloads);
    }

    [Fact]
    public void On_a_ring_received_artifacts_are_relayed_to_reach_everyone()
    {
        var settings = GossipSettings.Default with { RelayReceived = true };
        var subnet = new SimulatedSubnet(8, GossipProtocol.AbortableBroadcast, new SimulationOptions { Settings = settings, BlockClock = false });
        for (var i = 0; i < 8; i++)
        {
            subnet[i].SetPeers([subnet.IdOf((i + 7) % 8), subnet.IdOf((i + 1) % 8)]);
        }

        var small = subnet.Submit(0, ArtifactKind.Ingress, long.MaxValue, 200);
        var large = subnet.Submit(0, ArtifactKind.BlockProposal, 1, Large);

        Assert.True(subnet.RunUntil(() => subnet.Holders(small.Id) == 8 && subnet.Holders(large.Id) == 8, 20_000));
        Assert.All(subnet.Nodes.Skip(1), n => Assert.Equal(1, n.Ledger.For(ArtifactKind.BlockProposal).BodiesReceived));
    }
}
