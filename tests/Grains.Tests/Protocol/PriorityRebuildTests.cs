using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Grains.Protocol;
using Xunit;

namespace OrleansGossip.Grains.Tests.Protocol;

public sealed class PriorityRebuildTests
{
    private const double LatencyMs = 50;

    [Fact]
    public void An_advert_classed_Later_is_fetched_once_a_rebuild_finds_it_within_the_fetch_window()
    {
        var subnet = new SimulatedSubnet(2, GossipProtocol.AdvertGossip, new SimulationOptions { LatencyMs = LatencyMs });
        var share = subnet.Submit(0, ArtifactKind.NotarizationShare, attribute: 15);

        subnet.RunFor(3_000);
        Assert.Equal(1, subnet[1].PendingDownloads);
        Assert.Empty(subnet.Events(SimulationEventKind.Sent, nameof(ArtifactRequest)));

        // A proposal at height 10 makes node 1 take height 9 as finalized: height 15 is then within the window.
        var proposal = subnet.Submit(0, ArtifactKind.BlockProposal, attribute: 10);
        Assert.True(subnet.RunUntilIdle());

        Assert.Equal(3_000 + (3 * LatencyMs), subnet.DeliveredAtMs(1, proposal.Id));
        Assert.Equal(9, subnet[1].Pool.FinalizedHeight);
        var shareRequest = subnet.Events(SimulationEventKind.Sent, nameof(ArtifactRequest)).Single(e => e.Artifact == share.Id);
        Assert.Equal(4_000, shareRequest.AtMs);
        Assert.True(subnet[1].Pool.Contains(share.Id));
    }

    [Fact]
    public void A_download_that_falls_below_the_finalized_height_is_dropped_and_frees_its_slot()
    {
        // Node 0 withholds a share at height 5; node 1 waits on it until a proposal from node 2 finalizes height 7.
        var subnet = new SimulatedSubnet(3, GossipProtocol.AdvertGossip, new SimulationOptions
        {
            Behaviours = new Dictionary<int, NodeBehaviour> { [0] = NodeBehaviour.Withhold },
        });
        subnet.CutBoth(0, 2);
        subnet.Submit(0, ArtifactKind.FinalizationShare, attribute: 5);
        subnet.RunFor(500);
        var node = (AdvertGossipNode)subnet[1];
        Assert.Equal(1, node.PendingDownloads);
        Assert.Equal(1, node.Scheduler.InFlight(subnet.IdOf(0)));

        subnet.Submit(2, ArtifactKind.BlockProposal, attribute: 8);
        Assert.True(subnet.RunUntilIdle(maxMs: 2_000));

        Assert.Equal(7, node.Pool.FinalizedHeight);
        Assert.Equal(0, node.PendingDownloads);
        Assert.Equal(0, node.Scheduler.InFlight(subnet.IdOf(0)));
        Assert.Equal(1, node.Ledger.For(ArtifactKind.FinalizationShare).Dropped);
        Assert.Equal(0, node.Ledger.For(ArtifactKind.FinalizationShare).FetchTimeouts);

        subnet.RunFor(30_000);
        Assert.Equal(0, node.Ledger.For(ArtifactKind.FinalizationShare).FetchTimeouts);
    }

    [Fact]
    public void Without_a_block_clock_a_proposal_does_not_move_the_finalized_height()
    {
        var subnet = new SimulatedSubnet(2, GossipProtocol.AdvertGossip, new SimulationOptions { BlockClock = false });
        var proposal = subnet.Submit(0, ArtifactKind.BlockProposal, attribute: 10);

        Assert.True(subnet.RunUntilIdle());

        Assert.True(subnet[1].Pool.Contains(proposal.Id));
        Assert.Equal(0, subnet[0].Pool.FinalizedHeight);
        Assert.Equal(0, subnet[1].Pool.FinalizedHeight);
    }

    [Fact]
    public void An_advert_below_the_finalized_height_is_dropped_on_arrival()
    {
        var subnet = new SimulatedSubnet(2, GossipProtocol.AdvertGossip);
        subnet.Submit(0, ArtifactKind.BlockProposal, attribute: 10);
        Assert.True(subnet.RunUntilIdle());
        subnet.RunFor(1_000);

        subnet.Submit(0, ArtifactKind.NotarizationShare, attribute: 3);
        subnet.RunFor(1_000);

        Assert.Equal(1, subnet[1].Ledger.For(ArtifactKind.NotarizationShare).Dropped);
        Assert.Equal(0, subnet[1].Ledger.For(ArtifactKind.NotarizationShare).RequestsSent);
        Assert.Equal(0, subnet[1].PendingDownloads);
    }
}
