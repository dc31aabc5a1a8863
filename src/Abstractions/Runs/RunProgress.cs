namespace OrleansGossip.Abstractions.Runs;

/// <summary>Where a run is: its phase, how far into the scenario (emulated seconds) and what it has counted so far.</summary>
[GenerateSerializer, Immutable]
public sealed record RunProgress(
    string RunId,
    RunPhase Phase,
    double EmulatedSeconds,
    double DurationSeconds,
    long ArtifactsCreated,
    long Deliveries,
    long ExpectedDeliveries,
    double LagMsP99,
    string? Error);
