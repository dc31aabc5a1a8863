namespace OrleansGossip.Abstractions.Nodes;

/// <summary>
/// Maps wall time to emulated time: emulated time starts at <see cref="EpochUtc"/> and runs
/// <see cref="TimeScale"/> times slower than the wall (10 = one emulated second lasts ten wall seconds).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RunClock(DateTimeOffset EpochUtc, double TimeScale)
{
    public double EmulatedMs(DateTimeOffset wallUtc) => (wallUtc - EpochUtc).TotalMilliseconds / TimeScale;

    public DateTimeOffset WallAt(double emulatedMs) => EpochUtc + TimeSpan.FromMilliseconds(emulatedMs * TimeScale);

    public TimeSpan ToWall(TimeSpan emulated) => emulated * TimeScale;
}
