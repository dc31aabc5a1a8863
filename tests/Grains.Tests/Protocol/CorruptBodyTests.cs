using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Nodes;
using Xunit;

namespace OrleansGossip.Grains.Tests.Protocol;

public sealed class CorruptBodyTests
{
    private const double LatencyMs = 50;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_corrupt_body_is_rejected_counted_against_its_sender_and_fetched_intact_from_an_honest_advertiser(bool realBytes)
    {
        // Node 0 corrupts, node 1 is honest; both hold the artifact, and node 2 asks node 0 first.
        var subnet = new SimulatedSubnet(3, GossipProtocol.AdvertGossip, new SimulationOptions
        {
            LatencyMs = LatencyMs,
            Behaviours = new Dictionary<int, NodeBehaviour> { [0] = NodeBehaviour.Corrupt },
        });
        var artifact = realBytes
            ? Artifact.Create(ArtifactKind.DkgDealing, 3, "dealer", 1, ArtifactBody.FromBytes([1, 2, 3, 4, 5, 6, 7, 8]))
            : subnet.NewArtifact(ArtifactKind.DkgDealing, 3, sizeBytes: 10_000);
        subnet[0].Submit(artifact);
        subnet[1].Submit(artifact);

        Assert.True(subnet.RunUntilIdle());

        var node = subnet[2];
        var counters = node.Ledger.For(ArtifactKind.DkgDealing);
        Assert.Equal(1, counters.Rejected);
        Assert.Equal(2, counters.BodiesReceived);
        Assert.Equal(2, counters.RequestsSent);
        Assert.Equal(1, counters.Deliveries);
        Assert.Equal(1, node.Ledger.Misbehaviour[subnet.IdOf(0)]);
        Assert.False(node.Ledger.Misbehaviour.ContainsKey(subnet.IdOf(1)));
        Assert.Equal(0, node.Pool.UnvalidatedCount);
        Assert.True(node.Pool.TryGet(artifact.Id, out var held));
        Assert.True(held.IsIntact);
        Assert.Equal(artifact.Body, held.Body);

        var transfers = subnet.Events(SimulationEventKind.Delivered, nameof(ArtifactTransfer)).Where(e => e.To == subnet.IdOf(2)).ToList();
        Assert.Equal([subnet.IdOf(0), subnet.IdOf(1)], transfers.Select(e => e.From));
        Assert.Equal(5 * LatencyMs, subnet.DeliveredAtMs(2, artifact.Id));
    }

    [Fact]
    public void Flooding_rejects_corrupt_bodies_and_keeps_the_intact_one()
    {
        var subnet = new SimulatedSubnet(3, GossipProtocol.Flooding, new SimulationOptions
        {
            Behaviours = new Dictionary<int, NodeBehaviour> { [0] = NodeBehaviour.Corrupt },
        });
        var artifact = subnet.NewArtifact(ArtifactKind.CertificationShare, 1);
        subnet[0].Submit(artifact);
        subnet[1].Submit(artifact);

        Assert.True(subnet.RunUntilIdle());

        Assert.Equal(1, subnet[2].Ledger.For(ArtifactKind.CertificationShare).Rejected);
        Assert.Equal(1, subnet[2].Ledger.Misbehaviour[subnet.IdOf(0)]);
        Assert.True(subnet[2].Pool.TryGet(artifact.Id, out var held));
        Assert.True(held.IsIntact);
    }
}
