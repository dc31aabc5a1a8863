using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Grains.Protocol;
using Xunit;

namespace OrleansGossip.Grains.Tests.Protocol;

public sealed class NodeLedgerTests
{
    [Fact]
    public void An_artifact_is_delivered_to_a_node_once_even_when_a_restarted_core_gets_it_again()
    {
        var ledger = new NodeLedger();
        var made = Artifact.Create(ArtifactKind.Ingress, 1, "a", 1, ArtifactBody.Synthetic(10, 1)).Advert;
        var got = Artifact.Create(ArtifactKind.Ingress, 1, "b", 2, ArtifactBody.Synthetic(10, 2)).Advert;

        ledger.RecordCreated(made, 10);
        Assert.True(ledger.RecordDelivered(got, 20));
        Assert.False(ledger.RecordDelivered(got, 30));
        Assert.False(ledger.RecordDelivered(made, 40));

        var delivery = Assert.Single(ledger.Deliveries);
        Assert.Equal(20, delivery.AtMs);
        Assert.Equal(1, ledger.For(ArtifactKind.Ingress).Deliveries);
    }

    [Fact]
    public void An_abandoned_download_counts_as_dropped_but_not_as_unwanted()
    {
        var ledger = new NodeLedger();
        var advert = Artifact.Create(ArtifactKind.Ingress, 1, "a", 1, ArtifactBody.Synthetic(10, 1)).Advert;

        ledger.RecordAbandoned(advert);

        Assert.Equal(1, ledger.For(ArtifactKind.Ingress).Dropped);
        Assert.Empty(ledger.Unwanted);
    }
}
