namespace OrleansGossip.Grains.Network;

/// <summary>
/// A wall clock that does not count the time the runtime's garbage collector held the process stopped: during a
/// pause no thread of the process runs, so a clock that stands still meanwhile lets the emulated network go on after
/// it as if nothing had happened, instead of firing every tick the pause held up at once, late. The pause total is
/// read on both sides of the wall clock, so that a pause that ends between the two readings is not set against a
/// wall reading from before it; and the clock never runs back. Timers and timestamps are the wall's.
/// </summary>
public sealed class PauseExcludingClock : TimeProvider
{
    private readonly TimeProvider _wall;
    private readonly Func<TimeSpan> _pausedTotal;
    private readonly long _pausedAtStartTicks;
    private long _latestTicks;

    /// <param name="wall">The wall clock.</param>
    /// <param name="pausedTotal">The process's pause total so far: <see cref="GC.GetTotalPauseDuration"/>.</param>
    public PauseExcludingClock(TimeProvider wall, Func<TimeSpan> pausedTotal)
    {
        _wall = wall;
        _pausedTotal = pausedTotal;
        _pausedAtStartTicks = pausedTotal().Ticks;
    }

    /// <summary>The pause time this clock has left out since it was made.</summary>
    public TimeSpan Excluded => TimeSpan.FromTicks(_pausedTotal().Ticks - _pausedAtStartTicks);

    public override DateTimeOffset GetUtcNow()
    {
        long ticks;
        while (true)
        {
            var before = _pausedTotal().Ticks;
            var wall = _wall.GetUtcNow().UtcTicks;
            var after = _pausedTotal().Ticks;
            if (before == after)
            {
                ticks = wall - (after - _pausedAtStartTicks);
                break;
            }
        }

        var latest = Volatile.Read(ref _latestTicks);
        while (ticks > latest)
        {
            var seen = Interlocked.CompareExchange(ref _latestTicks, ticks, latest);
            if (seen == latest)
            {
                return new DateTimeOffset(ticks, TimeSpan.Zero);
            }

            latest = seen;
        }

        return new DateTimeOffset(latest, TimeSpan.Zero);
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _wall.CreateTimer(callback, state, dueTime, period);
}
