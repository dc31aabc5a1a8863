using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Grains.Network;
using Xunit;

namespace OrleansGossip.Grains.Tests.Network;

public sealed class BandwidthModelTests
{
    [Fact]
    public void A_transfer_at_a_fraction_of_the_rate_takes_the_link_that_much_longer()
    {
        var link = new BandwidthModel(8); // a byte per microsecond

        Assert.Equal(1_000, link.Reserve(link.TransferMs(1_000_000), 1_000_000, Priority.Fetch));
        Assert.Equal(1_000 + 4_000, link.Reserve(link.TransferMs(1_000_000) / 0.25, 1_000_000, Priority.Fetch, rateFraction: 0.25));
    }

    [Fact]
    public void An_unused_link_is_free_before_the_epoch_too()
    {
        var link = new BandwidthModel(8);

        Assert.Equal(-250, link.Reserve(-250, 1_000, Priority.Fetch));
        Assert.Equal(-249, link.Reserve(-250, 1_000, Priority.Fetch));
    }
}
