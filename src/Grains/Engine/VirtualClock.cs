namespace OrleansGossip.Grains.Engine;

/// <summary>
/// A node's emulated clock: it stands at the instant of the event the node is taking, and moves only forward, when
/// the node takes its next event. The protocol core reads it and nothing else.
/// </summary>
public sealed class VirtualClock(DateTimeOffset epochUtc) : TimeProvider
{
    public DateTimeOffset EpochUtc { get; } = epochUtc;

    /// <summary>Emulated ticks since the epoch.</summary>
    public long NowTicks { get; private set; }

    public double NowMs => NowTicks / (double)TimeSpan.TicksPerMillisecond;

    public override DateTimeOffset GetUtcNow() => EpochUtc.AddTicks(NowTicks);

    /// <summary>Moves the clock to <paramref name="ticks"/> when that is later than now.</summary>
    public void AdvanceTo(long ticks)
    {
        if (ticks > NowTicks)
        {
            NowTicks = ticks;
        }
    }

    /// <summary>The first tick at or after <paramref name="ms"/> emulated milliseconds.</summary>
    public static long TicksAtOrAfter(double ms) => (long)Math.Ceiling(ms * TimeSpan.TicksPerMillisecond);
}
