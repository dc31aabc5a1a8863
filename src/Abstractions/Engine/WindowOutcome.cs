namespace OrleansGossip.Abstractions.Engine;

/// <summary>
/// What a silo's nodes of one subnet did in a window: the earliest event any of them (or any node they sent to on
/// another silo) has next, in emulated ticks (<see cref="long.MaxValue"/> when none), and the deliveries they made.
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct WindowOutcome([property: Id(0)] long NextDueTicks, [property: Id(1)] long Deliveries)
{
    public static WindowOutcome Idle { get; } = new(long.MaxValue, 0);

    public WindowOutcome Join(WindowOutcome other) =>
        new(Math.Min(NextDueTicks, other.NextDueTicks), Deliveries + other.Deliveries);
}
