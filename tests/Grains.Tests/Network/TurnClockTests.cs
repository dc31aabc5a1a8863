using Microsoft.Extensions.Time.Testing;
using OrleansGossip.Grains.Network;
using Xunit;

namespace OrleansGossip.Grains.Tests.Network;

public sealed class TurnClockTests
{
    [Fact]
    public void A_held_clock_stays_at_the_moment_it_was_held_and_follows_the_wall_again_after()
    {
        var wall = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var clock = new TurnClock(wall);
        var held = wall.GetUtcNow();

        using (clock.Hold())
        {
            wall.Advance(TimeSpan.FromMilliseconds(7));
            Assert.Equal(held, clock.GetUtcNow());
        }

        Assert.Equal(held + TimeSpan.FromMilliseconds(7), clock.GetUtcNow());
        wall.Advance(TimeSpan.FromMilliseconds(3));
        Assert.Equal(held + TimeSpan.FromMilliseconds(10), clock.GetUtcNow());
    }

    [Fact]
    public void A_scaled_clock_over_a_held_one_gives_one_emulated_instant_for_a_whole_batch()
    {
        var wall = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var clock = new TurnClock(wall);
        var run = new Abstractions.Nodes.RunClock(wall.GetUtcNow(), 10);
        var emulated = new ScaledTimeProvider(run, clock);

        using (clock.Hold())
        {
            var first = emulated.GetUtcNow();
            wall.Advance(TimeSpan.FromMilliseconds(2));
            Assert.Equal(first, emulated.GetUtcNow());
        }

        Assert.Equal(run.EpochUtc + TimeSpan.FromMilliseconds(0.2), emulated.GetUtcNow());
    }
}
