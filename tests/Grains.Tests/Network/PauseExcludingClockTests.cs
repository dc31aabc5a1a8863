using Microsoft.Extensions.Time.Testing;
using OrleansGossip.Grains.Network;
using Xunit;

namespace OrleansGossip.Grains.Tests.Network;

/// <summary>The emulator's clock with the collector's pauses left out, over a fake wall and a fake pause total.</summary>
public sealed class PauseExcludingClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _wall = new(Start);
    private TimeSpan _paused = TimeSpan.FromSeconds(3);

    [Fact]
    public void Time_the_collector_held_the_process_stopped_does_not_pass_on_the_clock()
    {
        var clock = new PauseExcludingClock(_wall, () => _paused);

        _wall.Advance(TimeSpan.FromMilliseconds(100));
        _paused += TimeSpan.FromMilliseconds(40);

        Assert.Equal(Start + TimeSpan.FromMilliseconds(60), clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromMilliseconds(40), clock.Excluded);

        _wall.Advance(TimeSpan.FromMilliseconds(10));
        Assert.Equal(Start + TimeSpan.FromMilliseconds(70), clock.GetUtcNow());
    }

    [Fact]
    public void The_clock_never_runs_back_when_a_pause_is_counted_after_the_wall_moved_on()
    {
        var clock = new PauseExcludingClock(_wall, () => _paused);
        _wall.Advance(TimeSpan.FromMilliseconds(50));
        Assert.Equal(Start + TimeSpan.FromMilliseconds(50), clock.GetUtcNow());

        // The pause total grows by more than the wall has moved since the last reading.
        _paused += TimeSpan.FromMilliseconds(30);
        _wall.Advance(TimeSpan.FromMilliseconds(10));
        Assert.Equal(Start + TimeSpan.FromMilliseconds(50), clock.GetUtcNow());

        _wall.Advance(TimeSpan.FromMilliseconds(25));
        Assert.Equal(Start + TimeSpan.FromMilliseconds(55), clock.GetUtcNow());
    }

    [Fact]
    public void A_pause_that_ends_while_the_clock_is_read_is_not_set_against_a_wall_reading_from_before_it()
    {
        // The first reading of the pause total is taken before a pause of 80 ms; the wall is read after it ended.
        var readings = 0;
        var clock = new PauseExcludingClock(_wall, () =>
        {
            readings++;
            if (readings == 2)
            {
                _wall.Advance(TimeSpan.FromMilliseconds(80));
                var before = _paused;
                _paused += TimeSpan.FromMilliseconds(80);
                return before;
            }

            return _paused;
        });

        _wall.Advance(TimeSpan.FromMilliseconds(20));
        Assert.Equal(Start + TimeSpan.FromMilliseconds(20), clock.GetUtcNow());
    }

    [Fact]
    public void Timers_run_on_the_wall()
    {
        var clock = new PauseExcludingClock(_wall, () => _paused);
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromMilliseconds(10), Timeout.InfiniteTimeSpan);

        _wall.Advance(TimeSpan.FromMilliseconds(10));

        Assert.Equal(1, fired);
    }
}
