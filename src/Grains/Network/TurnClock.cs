namespace OrleansGossip.Grains.Network;

/// <summary>
/// A node's wall clock, which the node holds still while it takes a batch (<see cref="Hold"/>): every message of a
/// batch arrived at the same tick and is handled at one instant, so the time the emulator itself spends on the batch
/// does not show up in emulated timestamps, and the clock is read once per batch rather than once per message.
/// </summary>
public sealed class TurnClock(TimeProvider wall) : TimeProvider
{
    private DateTimeOffset? _held;

    public override DateTimeOffset GetUtcNow() => _held ?? wall.GetUtcNow();

    public override long GetTimestamp() => wall.GetTimestamp();

    public override long TimestampFrequency => wall.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => wall.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        wall.CreateTimer(callback, state, dueTime, period);

    /// <summary>Holds the clock at the wall's present time until the returned scope ends.</summary>
    public HeldScope Hold()
    {
        _held = wall.GetUtcNow();
        return new HeldScope(this);
    }

    public readonly struct HeldScope(TurnClock clock) : IDisposable
    {
        public void Dispose() => clock._held = null;
    }
}
