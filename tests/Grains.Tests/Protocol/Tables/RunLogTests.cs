using OrleansGossip.Grains.Protocol.Tables;
using Xunit;

namespace OrleansGossip.Grains.Tests.Protocol.Tables;

public sealed class RunLogTests
{
    [Fact]
    public void It_keeps_every_item_in_order_through_growth()
    {
        var log = new RunLog<long>();
        for (var i = 0L; i < 1_000; i++)
        {
            log.Add(i * 3);
        }

        Assert.Equal(1_000, log.Count);
        Assert.Equal(297, log[99]);
        Assert.Equal(Enumerable.Range(0, 1_000).Select(i => i * 3L), log);
        Assert.Equal(log.ToArray(), log.AsSpan().ToArray());
    }

    [Fact]
    public void It_refuses_an_index_past_its_items_though_its_array_is_longer()
    {
        var log = new RunLog<int>();
        log.Add(1);

        Assert.Throws<ArgumentOutOfRangeException>(() => log[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => log[-1]);
    }
}
