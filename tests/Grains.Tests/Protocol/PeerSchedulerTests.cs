using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Grains.Protocol;
using Xunit;

namespace OrleansGossip.Grains.Tests.Protocol;

public sealed class PeerSchedulerTests
{
    private static readonly NodeId PeerA = new("a");
    private static readonly NodeId PeerB = new("b");

    [Fact]
    public void Serves_FetchNow_before_Fetch_whatever_the_order_they_were_queued_in()
    {
        var scheduler = new PeerScheduler();
        var fetch1 = Id(1);
        var fetch2 = Id(2);
        var urgent = Id(3);
        scheduler.Enqueue(PeerA, fetch1, Priority.Fetch);
        scheduler.Enqueue(PeerA, fetch2, Priority.Fetch);
        scheduler.Enqueue(PeerA, urgent, Priority.FetchNow);
        var started = new List<(ArtifactId Id, Priority Class)>();

        scheduler.Dispatch(1, (_, id, priority) => Started(started, id, priority));
        Assert.Equal([(urgent, Priority.FetchNow)], started);
        Assert.Equal(1, scheduler.InFlight(PeerA));

        scheduler.Dispatch(1, (_, id, priority) => Started(started, id, priority));
        Assert.Single(started);

        scheduler.FinishedDownload(PeerA);
        scheduler.Dispatch(1, (_, id, priority) => Started(started, id, priority));
        scheduler.FinishedDownload(PeerA);
        scheduler.Dispatch(1, (_, id, priority) => Started(started, id, priority));
        Assert.Equal([(urgent, Priority.FetchNow), (fetch1, Priority.Fetch), (fetch2, Priority.Fetch)], started);
    }

    [Fact]
    public void Keeps_at_most_the_limit_in_flight_per_peer_and_serves_every_peer()
    {
        var scheduler = new PeerScheduler();
        for (var i = 0; i < 5; i++)
        {
            scheduler.Enqueue(PeerA, Id(i), Priority.Fetch);
            scheduler.Enqueue(PeerB, Id(100 + i), Priority.Fetch);
        }

        var peers = new List<NodeId>();
        scheduler.Dispatch(2, (peer, _, _) =>
        {
            peers.Add(peer);
            return true;
        });

        Assert.Equal(2, peers.Count(p => p == PeerA));
        Assert.Equal(2, peers.Count(p => p == PeerB));
        Assert.Equal(2, scheduler.InFlight(PeerA));
        Assert.Equal(6, scheduler.Queued(Priority.Fetch));
    }

    [Fact]
    public void Drops_an_entry_the_starter_refuses_without_counting_it_in_flight()
    {
        var scheduler = new PeerScheduler();
        scheduler.Enqueue(PeerA, Id(1), Priority.Fetch);
        scheduler.Enqueue(PeerA, Id(2), Priority.Fetch);
        var offered = new List<ArtifactId>();

        scheduler.Dispatch(1, (_, id, _) =>
        {
            offered.Add(id);
            return id == Id(2);
        });

        Assert.Equal([Id(1), Id(2)], offered);
        Assert.Equal(1, scheduler.InFlight(PeerA));
        Assert.Equal(0, scheduler.Queued(Priority.Fetch));
    }

    [Fact]
    public void Refuses_to_queue_classes_that_are_not_fetched()
    {
        var scheduler = new PeerScheduler();

        Assert.Throws<ArgumentOutOfRangeException>(() => scheduler.Enqueue(PeerA, Id(1), Priority.Later));
        Assert.Throws<ArgumentOutOfRangeException>(() => scheduler.Enqueue(PeerA, Id(1), Priority.Drop));
    }

    [Fact]
    public void Removing_a_peer_forgets_its_queue()
    {
        var scheduler = new PeerScheduler();
        scheduler.Enqueue(PeerA, Id(1), Priority.FetchNow);
        scheduler.Enqueue(PeerB, Id(2), Priority.FetchNow);

        scheduler.RemovePeer(PeerA);
        var peers = new List<NodeId>();
        scheduler.Dispatch(4, (peer, _, _) =>
        {
            peers.Add(peer);
            return true;
        });

        Assert.Equal([PeerB], peers);
    }

    [Fact]
    public void A_node_requests_FetchNow_adverts_before_Fetch_adverts_queued_earlier()
    {
        var subnet = new SimulatedSubnet(2, GossipProtocol.AdvertGossip, new SimulationOptions
        {
            Settings = GossipSettings.Default with { MaxDownloadsPerPeer = 1 },
        });
        var first = subnet.Submit(0, ArtifactKind.Ingress, attribute: 600_000);
        var certification = subnet.Submit(0, ArtifactKind.CertificationShare, attribute: 1);
        var proposal = subnet.Submit(0, ArtifactKind.BlockProposal, attribute: 1);

        Assert.True(subnet.RunUntilIdle());

        var requested = subnet.Events(SimulationEventKind.Sent, nameof(ArtifactRequest))
            .Where(e => e.From == subnet.IdOf(1))
            .Select(e => e.Artifact)
            .ToList();
        Assert.Equal([first.Id, proposal.Id, certification.Id], requested);
        Assert.All([first, certification, proposal], a => Assert.Equal(2, subnet.Holders(a.Id)));
    }

    private static ArtifactId Id(int n) => ArtifactId.For(ArtifactKind.Ingress, n, "scheduler", n);

    private static bool Started(List<(ArtifactId, Priority)> started, ArtifactId id, Priority priority)
    {
        started.Add((id, priority));
        return true;
    }
}
