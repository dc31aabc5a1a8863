namespace OrleansGossip.Abstractions.Nodes;

/// <summary>
/// Maps wall time to emulated time: emulated time starts at <see cref="EpochUtc"/> and runs
/// <see cref="TimeScale"/> times slower than the wall (10 = one emulated second lasts ten wall seconds).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RunClock(DateTimeOffset EpochUtc, double TimeScale)
{
    public double EmulatedMs(DateTimeOffset wallUtc) => (wallUtc - EpochUtc).TotalMilliseconds / TimeScale;

    /// <summary>
    /// Emulated milliseconds elapsed since the epoch at <paramref name="wallUtc"/>: <see cref="EmulatedMs"/>, but 0 before
    /// it. A node's clock reads this: nodes are set up before the epoch, and what one sends while being set up (its first
    /// adverts to its peers) leaves at the run's start; sent earlier, it would be due before the other nodes were ready.
    /// </summary>
    public double ElapsedMs(DateTimeOffset wallUtc) => Math.Max(0, EmulatedMs(wallUtc));

    public DateTimeOffset WallAt(double emulatedMs) => EpochUtc + TimeSpan.FromMilliseconds(emulatedMs * TimeScale);

    public TimeSpan ToWall(TimeSpan emulated) => emulated * TimeScale;
}
