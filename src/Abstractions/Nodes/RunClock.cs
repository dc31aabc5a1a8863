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
    /// Where a node of the run is in emulated time at <paramref name="wallUtc"/>: <see cref="EmulatedMs"/>, but 0 before
    /// the epoch. Nodes are set up before it, and what one sends while being set up (its first adverts to its peers)
    /// leaves at the run's start: sent earlier, it would be due before the other nodes were ready to take it.
    /// </summary>
    public double NodeMs(DateTimeOffset wallUtc) => Math.Max(0, EmulatedMs(wallUtc));

    public DateTimeOffset WallAt(double emulatedMs) => EpochUtc + TimeSpan.FromMilliseconds(emulatedMs * TimeScale);

    public TimeSpan ToWall(TimeSpan emulated) => emulated * TimeScale;
}
