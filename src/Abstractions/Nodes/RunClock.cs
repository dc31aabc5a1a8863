namespace OrleansGossip.Abstractions.Nodes;

/// <summary>
/// A run's epoch and pace: its nodes' virtual clocks count emulated time from <see cref="EpochUtc"/> (the wall time the
/// run was set up at), and its windows do not run faster than <see cref="TimeScale"/> wall seconds per emulated second
/// (0: unpaced). The figures depend on neither.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RunClock(DateTimeOffset EpochUtc, double TimeScale);
