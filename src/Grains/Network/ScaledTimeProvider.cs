using OrleansGossip.Abstractions.Nodes;

namespace OrleansGossip.Grains.Network;

/// <summary>
/// Emulated time: the run's epoch plus the wall time since it, divided by the time scale. The protocol core
/// reads this clock and nothing else.
/// </summary>
public sealed class ScaledTimeProvider(RunClock clock, TimeProvider wall) : TimeProvider
{
    public RunClock Clock { get; } = clock;

    public override DateTimeOffset GetUtcNow() =>
        Clock.EpochUtc + TimeSpan.FromMilliseconds(Clock.ElapsedMs(wall.GetUtcNow()));
}
