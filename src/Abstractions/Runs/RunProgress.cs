namespace OrleansGossip.Abstractions.Runs;

/// <summary>
/// Where a run is: its phase, how far into the scenario (emulated seconds) and what it has counted so far.
/// <see cref="ExpectedDeliveries"/> is what the workload's artifacts call for, or 0 when the nodes make artifacts of
/// their own (consensus) and no expectation can be given. <see cref="Slowdown"/> is the wall seconds each emulated
/// second has taken so far: the time scale while the run keeps its pace.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RunProgress(
    string RunId,
    RunPhase Phase,
    double EmulatedSeconds,
    double DurationSeconds,
    long ArtifactsCreated,
    long Deliveries,
    long ExpectedDeliveries,
    double Slowdown,
    string? Error);
