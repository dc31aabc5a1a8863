using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Grains.Protocol.Clients;
using Xunit;

namespace OrleansGossip.Grains.Tests.Protocol;

public sealed class ShareTallyTests
{
    private static readonly ArtifactId BlockA = new(new Hash128(1, 1));
    private static readonly ArtifactId BlockB = new(new Hash128(2, 2));

    [Fact]
    public void A_signer_counts_once_per_block_and_height()
    {
        var tally = new ShareTally();

        Assert.Equal(1, tally.Add(5, BlockA, 10));
        Assert.Equal(1, tally.Add(5, BlockA, 10));
        Assert.Equal(2, tally.Add(5, BlockA, 11));
        Assert.Equal(1, tally.Add(5, BlockB, 10));
        Assert.Equal(1, tally.Add(6, BlockA, 10));
        Assert.Equal(3, tally.Add(5, BlockA, 12));
    }

    [Fact]
    public void Forgetting_a_height_drops_its_shares_and_those_below_but_keeps_those_above()
    {
        var tally = new ShareTally();
        tally.Add(4, BlockA, 1);
        tally.Add(5, BlockA, 1);
        tally.Add(5, BlockA, 2);
        tally.Add(6, BlockA, 1);

        tally.ForgetUpTo(5);

        Assert.Equal(1, tally.Add(4, BlockA, 2));
        Assert.Equal(1, tally.Add(5, BlockA, 2));
        Assert.Equal(2, tally.Add(6, BlockA, 2));
    }
}
