using Orleans.Concurrency;
using OrleansGossip.Abstractions.Reports;
using OrleansGossip.Abstractions.Scenarios;

namespace OrleansGossip.Abstractions.Runs;

/// <summary>
/// One run of a scenario: it creates the subnets in a registry of its own, drives the workload, and gathers the
/// report when the scenario ends. Keyed by the run id.
/// </summary>
public interface IRunGrain : IGrainWithStringKey
{
    /// <summary>Validates and starts the scenario; throws <see cref="ScenarioException"/> before anything is created.</summary>
    Task<RunProgress> StartAsync(ScenarioSpec scenario);

    Task<RunProgress> GetProgressAsync();

    /// <summary>The report, once the run has completed; null before.</summary>
    Task<RunReport?> GetReportAsync();

    /// <summary>One row per artifact, in creation order per subnet, once the run has completed; empty before.</summary>
    Task<IReadOnlyList<ArtifactRow>> GetArtifactRowsAsync();

    /// <summary>Ends the workload now and reports on what happened so far.</summary>
    Task StopAsync();

    /// <summary>A silo's telemetry recorder reports what its nodes counted.</summary>
    [OneWay]
    Task ReportProgressAsync(SiloProgress progress);
}
