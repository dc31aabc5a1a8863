using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Grains.Protocol;
using Xunit;

namespace OrleansGossip.Grains.Tests.Protocol;

public sealed class ArtifactPoolTests
{
    private long _sequence;

    [Fact]
    public void A_received_body_waits_in_the_unvalidated_section_until_validated()
    {
        var pool = new ArtifactPool(10);
        var artifact = NewArtifact(ArtifactKind.Ingress, 1_000);

        pool.AddUnvalidated(artifact);
        Assert.Equal(1, pool.UnvalidatedCount);
        Assert.Equal(0, pool.Count);
        Assert.False(pool.Contains(artifact.Id));
        Assert.False(pool.TryGet(artifact.Id, out _));

        Assert.True(pool.Validate(artifact.Advert));
        Assert.Equal(0, pool.UnvalidatedCount);
        Assert.Equal(1, pool.Count);
        Assert.True(pool.Contains(artifact.Advert));
        Assert.True(pool.TryGet(artifact.Advert, out var held));
        Assert.Same(artifact, held);
    }

    [Fact]
    public void A_corrupt_body_is_discarded_by_validation()
    {
        var pool = new ArtifactPool(10);
        var artifact = NewArtifact(ArtifactKind.BlockProposal, 3);

        pool.AddUnvalidated(artifact with { Body = artifact.Body.Corrupted() });

        Assert.False(pool.Validate(artifact.Advert));
        Assert.Equal(0, pool.UnvalidatedCount);
        Assert.Equal(0, pool.Count);
        Assert.False(pool.Contains(artifact.Id));
    }

    [Fact]
    public void A_body_is_checked_against_the_advert_it_was_fetched_for()
    {
        var pool = new ArtifactPool(10);
        var artifact = NewArtifact(ArtifactKind.BlockProposal, 3);
        var other = NewArtifact(ArtifactKind.BlockProposal, 3);
        var forged = new Artifact(artifact.Advert with { IntegrityHash = other.Advert.IntegrityHash, Size = other.Advert.Size }, other.Body);

        pool.AddUnvalidated(forged);

        Assert.True(forged.IsIntact);
        Assert.False(pool.Validate(artifact.Advert));
        Assert.False(pool.Contains(artifact.Id));
    }

    [Fact]
    public void Validating_what_was_never_received_fails()
    {
        var pool = new ArtifactPool(10);

        Assert.False(pool.Validate(NewArtifact(ArtifactKind.Ingress, 1).Advert));
    }

    [Fact]
    public void An_artifact_is_added_once()
    {
        var pool = new ArtifactPool(10);
        var artifact = NewArtifact(ArtifactKind.CertificationShare, 1);

        Assert.True(pool.AddValidated(artifact));
        Assert.False(pool.AddValidated(artifact));
        Assert.Equal(1, pool.Count);
    }

    [Fact]
    public void Each_channel_keeps_its_capacity_and_evicts_its_oldest_first()
    {
        var pool = new ArtifactPool(3);
        var ingress = Enumerable.Range(0, 5).Select(_ => NewArtifact(ArtifactKind.Ingress, 1_000_000)).ToList();
        var consensus = Enumerable.Range(0, 3).Select(h => NewArtifact(ArtifactKind.NotarizationShare, h + 1)).ToList();
        foreach (var artifact in consensus.Concat(ingress))
        {
            pool.AddValidated(artifact);
        }

        Assert.Equal(3, pool.CountIn(GossipChannel.Ingress));
        Assert.Equal(3, pool.CountIn(GossipChannel.Consensus));
        Assert.Equal(6, pool.Count);
        Assert.Equal([false, false, true, true, true], ingress.Select(a => pool.Contains(a.Id)));
        Assert.All(consensus, a => Assert.True(pool.Contains(a.Id)));
    }

    [Fact]
    public void Eviction_skips_what_a_purge_already_removed()
    {
        var pool = new ArtifactPool(3) { FinalizedHeight = 0 };
        var first = NewArtifact(ArtifactKind.FinalizationShare, 1);
        var second = NewArtifact(ArtifactKind.FinalizationShare, 5);
        var third = NewArtifact(ArtifactKind.FinalizationShare, 6);
        pool.AddValidated(first);
        pool.AddValidated(second);
        pool.AddValidated(third);
        pool.FinalizedHeight = 2;
        Assert.Equal(1, pool.Purge(nowMs: 0));

        var fourth = NewArtifact(ArtifactKind.FinalizationShare, 7);
        var fifth = NewArtifact(ArtifactKind.FinalizationShare, 8);
        pool.AddValidated(fourth);
        Assert.Equal(3, pool.Count);
        pool.AddValidated(fifth);

        Assert.Equal(3, pool.Count);
        Assert.Equal([false, false, true, true, true], new[] { first, second, third, fourth, fifth }.Select(a => pool.Contains(a.Id)));
    }

    [Fact]
    public void An_artifact_purged_and_added_again_counts_as_the_newest_for_eviction()
    {
        var pool = new ArtifactPool(2);
        var expiring = NewArtifact(ArtifactKind.Ingress, 100);
        var lasting = NewArtifact(ArtifactKind.Ingress, 1_000_000);
        pool.AddValidated(expiring);
        pool.AddValidated(lasting);
        Assert.Equal(1, pool.Purge(nowMs: 500));

        pool.AddValidated(expiring);
        var newest = NewArtifact(ArtifactKind.Ingress, 1_000_000);
        pool.AddValidated(newest);

        Assert.False(pool.Contains(lasting.Id));
        Assert.True(pool.Contains(expiring.Id));
        Assert.True(pool.Contains(newest.Id));
    }

    [Fact]
    public void Purges_consensus_below_the_finalized_height_and_expired_ingress_only()
    {
        var pool = new ArtifactPool(100) { FinalizedHeight = 10 };
        var below = NewArtifact(ArtifactKind.BlockProposal, 9);
        var atFinalized = NewArtifact(ArtifactKind.NotarizationShare, 10);
        var above = NewArtifact(ArtifactKind.RandomBeacon, 11);
        var expired = NewArtifact(ArtifactKind.Ingress, 4_999);
        var expiresNow = NewArtifact(ArtifactKind.Ingress, 5_000);
        var certification = NewArtifact(ArtifactKind.CertificationShare, 1);
        var dealing = NewArtifact(ArtifactKind.DkgDealing, 1);
        var all = new[] { below, atFinalized, above, expired, expiresNow, certification, dealing };
        foreach (var artifact in all)
        {
            pool.AddValidated(artifact);
        }

        Assert.Equal(2, pool.Purge(nowMs: 5_000));

        Assert.Equal([false, true, true, false, true, true, true], all.Select(a => pool.Contains(a.Id)));
        Assert.Equal(0, pool.Purge(nowMs: 5_000));
        Assert.True(pool.IsPurgeable(expiresNow.Advert, nowMs: 5_001));
        Assert.False(pool.IsPurgeable(certification.Advert, nowMs: double.MaxValue));
    }

    [Fact]
    public void A_purge_finds_what_became_purgeable_later_after_purges_that_found_nothing_and_after_removals()
    {
        var pool = new ArtifactPool(100) { FinalizedHeight = 5 };
        var early = NewArtifact(ArtifactKind.Ingress, 1_000);
        var late = NewArtifact(ArtifactKind.Ingress, 3_000);
        var block = NewArtifact(ArtifactKind.BlockProposal, 7);
        foreach (var artifact in new[] { early, late, block })
        {
            pool.AddValidated(artifact);
        }

        Assert.Equal(0, pool.Purge(nowMs: 500));
        Assert.Equal(1, pool.RemoveAll(GossipChannel.Ingress, [early.Id]));
        Assert.Equal(0, pool.Purge(nowMs: 2_000));
        Assert.Equal(1, pool.Purge(nowMs: 3_001));
        Assert.False(pool.Contains(late.Id));

        pool.FinalizedHeight = 8;
        Assert.Equal(1, pool.Purge(nowMs: 3_001));
        Assert.False(pool.Contains(block.Id));
        var next = NewArtifact(ArtifactKind.BlockProposal, 6);
        pool.AddValidated(next);
        Assert.Equal(1, pool.Purge(nowMs: 3_001));
    }

    [Fact]
    public void Validated_lists_every_section()
    {
        var pool = new ArtifactPool(10);
        var artifacts = new[]
        {
            NewArtifact(ArtifactKind.Ingress, 1_000),
            NewArtifact(ArtifactKind.BlockProposal, 1),
            NewArtifact(ArtifactKind.CanisterHttpShare, 1),
        };
        foreach (var artifact in artifacts)
        {
            pool.AddValidated(artifact);
        }

        Assert.True(pool.Validated.Select(a => a.Id).ToHashSet().SetEquals(artifacts.Select(a => a.Id)));
        Assert.Equal(3, pool.Validated.Count());
    }

    [Fact]
    public void Capacity_must_be_positive() => Assert.Throws<ArgumentOutOfRangeException>(() => new ArtifactPool(0));

    private Artifact NewArtifact(ArtifactKind kind, long attribute) =>
        Artifact.Create(kind, attribute, "pool", ++_sequence, ArtifactBody.Synthetic(64 + (int)_sequence, (ulong)_sequence));
}
