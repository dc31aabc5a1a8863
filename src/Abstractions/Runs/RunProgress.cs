namespace OrleansGossip.Abstractions.Runs;

/// <summary>
/// Where a run is: its phase, how far into the scenario (emulated seconds) and what it has counted so far.
/// <see cref="ExpectedDeliveries"/> is what the workload's artifacts call for, or 0 when the nodes make artifacts of
/// their own (consensus) and no expectation can be given. <see cref="LagWarningMs"/> is the lag (emulated ms) above
/// which the silo calls the run lagging, so that whoever shows <see cref="LagMsP99"/> judges it as the report will.
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
    double LagMsP99,
    double LagWarningMs,
    string? Error)
{
    /// <summary>Whether nodes take their deliveries later than the silo's warning allows, so far.</summary>
    public bool Lagging => LagMsP99 > LagWarningMs;
}
