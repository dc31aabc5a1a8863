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

    [Fact]
    public void A_late_advert_for_an_artifact_the_node_got_is_not_unwanted()
    {
        var ledger = new NodeLedger();
        var got = Artifact.Create(ArtifactKind.BlockProposal, 3, "a", 3, ArtifactBody.Synthetic(10, 1)).Advert;
        var made = Artifact.Create(ArtifactKind.BlockProposal, 4, "b", 4, ArtifactBody.Synthetic(10, 2)).Advert;

        ledger.RecordDelivered(got, 10);
        ledger.RecordCreated(made, 20);

        Assert.False(ledger.RecordUnwanted(got));
        Assert.False(ledger.RecordUnwanted(made));
        Assert.Empty(ledger.Unwanted);
        Assert.Equal(0, ledger.For(ArtifactKind.BlockProposal).Dropped);
    }

    [Fact]
    public void An_artifact_dropped_and_then_got_counts_as_received_not_as_unwanted()
    {
        var ledger = new NodeLedger();
        var advert = Artifact.Create(ArtifactKind.Ingress, 1, "a", 1, ArtifactBody.Synthetic(10, 1)).Advert;

        Assert.True(ledger.RecordUnwanted(advert));
        Assert.Equal([advert.Id], ledger.Unwanted);
        Assert.True(ledger.RecordDelivered(advert, 30));

        Assert.Empty(ledger.Unwanted);
        Assert.Single(ledger.Deliveries);
    }
}
