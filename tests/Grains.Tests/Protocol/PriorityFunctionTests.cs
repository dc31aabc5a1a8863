using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Grains.Protocol;
using Xunit;

namespace OrleansGossip.Grains.Tests.Protocol;

public sealed class PriorityFunctionTests
{
    private static readonly GossipSettings Settings = GossipSettings.Default with { ConsensusFetchWindow = 10 };

    private long _sequence;

    [Fact]
    public void Drops_what_the_pool_holds()
    {
        var pool = new ArtifactPool(100);
        var held = NewArtifact(ArtifactKind.CertificationShare, 5);
        var other = NewArtifact(ArtifactKind.CertificationShare, 5);
        pool.AddValidated(held);

        var priority = PriorityFunction.Build(pool, Settings, nowMs: 0);

        Assert.Equal(Priority.Drop, priority.Classify(held.Advert));
        Assert.Equal(Priority.Fetch, priority.Classify(other.Advert));
    }

    [Theory]
    [InlineData(ArtifactKind.BlockProposal, 99, Priority.Drop)]
    [InlineData(ArtifactKind.NotarizationShare, 0, Priority.Drop)]
    [InlineData(ArtifactKind.FinalizationShare, 100, Priority.FetchNow)]
    [InlineData(ArtifactKind.BlockProposal, 101, Priority.FetchNow)]
    [InlineData(ArtifactKind.RandomBeacon, 101, Priority.FetchNow)]
    [InlineData(ArtifactKind.NotarizationShare, 101, Priority.FetchNow)]
    [InlineData(ArtifactKind.FinalizationShare, 101, Priority.FetchNow)]
    [InlineData(ArtifactKind.BlockProposal, 102, Priority.FetchNow)]
    [InlineData(ArtifactKind.BlockProposal, 110, Priority.FetchNow)]
    [InlineData(ArtifactKind.BlockProposal, 111, Priority.Later)]
    [InlineData(ArtifactKind.CatchUpShare, 1_000, Priority.FetchNow)]
    [InlineData(ArtifactKind.CatchUpShare, 100, Priority.Drop)]
    public void Classifies_consensus_artifacts_by_height_against_the_finalized_height(ArtifactKind kind, long height, Priority expected)
    {
        var pool = new ArtifactPool(100) { FinalizedHeight = 100 };

        var priority = PriorityFunction.Build(pool, Settings, nowMs: 0);

        Assert.Equal(expected, priority.Classify(NewArtifact(kind, height).Advert));
    }

    [Fact]
    public void Uses_the_finalized_height_it_was_built_with_until_rebuilt()
    {
        var pool = new ArtifactPool(100) { FinalizedHeight = 10 };
        var built = PriorityFunction.Build(pool, Settings, nowMs: 0);
        pool.FinalizedHeight = 50;
        var advert = NewArtifact(ArtifactKind.BlockProposal, 11).Advert;

        Assert.Equal(Priority.FetchNow, built.Classify(advert));
        Assert.Equal(Priority.Drop, PriorityFunction.Build(pool, Settings, nowMs: 0).Classify(advert));
    }

    [Fact]
    public void The_fetch_window_is_a_setting()
    {
        var pool = new ArtifactPool(100) { FinalizedHeight = 10 };
        var narrow = PriorityFunction.Build(pool, Settings with { ConsensusFetchWindow = 2 }, nowMs: 0);

        Assert.Equal(Priority.FetchNow, narrow.Classify(NewArtifact(ArtifactKind.FinalizationShare, 12).Advert));
        Assert.Equal(Priority.Later, narrow.Classify(NewArtifact(ArtifactKind.FinalizationShare, 13).Advert));
    }

    [Theory]
    [InlineData(4_999, Priority.Drop)]
    [InlineData(5_000, Priority.Fetch)]
    [InlineData(60_000, Priority.Fetch)]
    public void Drops_ingress_whose_expiry_has_passed(long expiryMs, Priority expected)
    {
        var priority = PriorityFunction.Build(new ArtifactPool(100), Settings, nowMs: 5_000);

        Assert.Equal(expected, priority.Classify(NewArtifact(ArtifactKind.Ingress, expiryMs).Advert));
    }

    [Theory]
    [InlineData(ArtifactKind.CertificationShare)]
    [InlineData(ArtifactKind.DkgDealing)]
    [InlineData(ArtifactKind.IDkgDealing)]
    [InlineData(ArtifactKind.CanisterHttpShare)]
    public void Fetches_other_clients_artifacts(ArtifactKind kind)
    {
        var pool = new ArtifactPool(100) { FinalizedHeight = 100 };

        var priority = PriorityFunction.Build(pool, Settings, nowMs: 1_000_000);

        Assert.Equal(Priority.Fetch, priority.Classify(NewArtifact(kind, 0).Advert));
    }

    [Fact]
    public void Drops_what_a_client_calls_stale()
    {
        var stale = NewArtifact(ArtifactKind.Ingress, 60_000);
        var fresh = NewArtifact(ArtifactKind.Ingress, 60_000);

        var priority = PriorityFunction.Build(new ArtifactPool(100), Settings, nowMs: 0, isStale: a => a.Id == stale.Id);

        Assert.Equal(Priority.Drop, priority.Classify(stale.Advert));
        Assert.Equal(Priority.Fetch, priority.Classify(fresh.Advert));
    }

    [Fact]
    public void With_priorities_off_everything_not_held_is_fetched()
    {
        var pool = new ArtifactPool(100) { FinalizedHeight = 100 };
        var held = NewArtifact(ArtifactKind.BlockProposal, 101);
        pool.AddValidated(held);

        var priority = PriorityFunction.Build(pool, Settings with { Priorities = false }, nowMs: 5_000);

        Assert.Equal(Priority.Drop, priority.Classify(held.Advert));
        Assert.Equal(Priority.Fetch, priority.Classify(NewArtifact(ArtifactKind.BlockProposal, 1).Advert));
        Assert.Equal(Priority.Fetch, priority.Classify(NewArtifact(ArtifactKind.BlockProposal, 101).Advert));
        Assert.Equal(Priority.Fetch, priority.Classify(NewArtifact(ArtifactKind.NotarizationShare, 500).Advert));
        Assert.Equal(Priority.Fetch, priority.Classify(NewArtifact(ArtifactKind.Ingress, 1).Advert));
    }

    private Artifact NewArtifact(ArtifactKind kind, long attribute) =>
        Artifact.Create(kind, attribute, "test", ++_sequence, ArtifactBody.Synthetic(100, (ulong)_sequence));
}
