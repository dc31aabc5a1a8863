using Orleans.Concurrency;
using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Reports;
using OrleansGossip.Abstractions.Scenarios;

namespace OrleansGossip.Abstractions.Runs;

/// <summary>
/// One run of a scenario: it creates the subnets in a registry of its own, drives the workload, and gathers the
/// report when the scenario ends. Keyed by the run id.
/// </summary>
public interface IRunGrain : IGrainWithStringKey
{
    /// <summary>
    /// Validates and starts the scenario; throws <see cref="ScenarioException"/> before anything is created. With
    /// <paramref name="replay"/>, the events of an earlier run's log (<see cref="RunEvent"/>) land again at their
    /// emulated times, so that the run gives that run's report.
    /// </summary>
    Task<RunProgress> StartAsync(ScenarioSpec scenario, IReadOnlyList<RunEvent>? replay = null);

    /// <summary>What came from outside while the run ran (faults, behaviours, submissions), with the emulated time each landed at.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<RunEvent>> GetEventsAsync();

    /// <summary>The run's progress; answered even while the run is busy.</summary>
    [AlwaysInterleave]
    Task<RunProgress> GetProgressAsync();

    /// <summary>The report, once the run has completed; null before.</summary>
    Task<RunReport?> GetReportAsync();

    /// <summary>One row per artifact, in creation order per subnet, once the run has completed; empty before.</summary>
    Task<IReadOnlyList<ArtifactRow>> GetArtifactRowsAsync();

    /// <summary>Ends the workload now and reports on what happened so far.</summary>
    Task StopAsync();

    /// <summary>
    /// What <paramref name="node"/> was set up with, for a node of the run activated again while the run goes on (its
    /// silo stopped, or it was collected) to resume with; null when the run is not going on (not begun, setting up, over)
    /// or the node is not one of its. Answered even while the run is busy: a node asks while it is being activated,
    /// which may be by a call of the run's own.
    /// </summary>
    [AlwaysInterleave]
    Task<NodeConfiguration?> GetNodeConfigurationAsync(NodeId node);

    /// <summary>
    /// A node of the run lost its state with its silo and resumed on <paramref name="silo"/>, catching up from its
    /// peers; that silo's engine takes it through the run's windows from now on.
    /// </summary>
    [OneWay]
    Task ReportNodeRestoredAsync(NodeId node, string silo);

    /// <summary>The run at a glance: progress, scenario, subnets with their nodes, and the faults so far.</summary>
    Task<RunStatus> GetStatusAsync();

    /// <summary>
    /// Applies a fault now (its <c>atSeconds</c> is ignored), in the scenario files' format and with node indices into
    /// the subnet as it is now. Throws <see cref="ScenarioException"/> (paths from <c>$</c>, the fault) when the fault is
    /// wrong, <see cref="InvalidOperationException"/> when the run does not run.
    /// </summary>
    Task<FaultEvent> ApplyFaultAsync(FaultSpec fault);

    /// <summary>
    /// Gives the node at <paramref name="node"/> of <paramref name="subnet"/> a behaviour that can change while it runs:
    /// <c>honest</c>, <c>withhold</c>, <c>corrupt</c> or <c>slow</c> (at <paramref name="fraction"/> of its bandwidth).
    /// </summary>
    Task<FaultEvent> SetBehaviourAsync(string subnet, int node, string behaviour, double? fraction);

    /// <summary>
    /// Submits an artifact to a node of the run, as a client of that node would; a synthetic body of
    /// <paramref name="size"/> bytes unless <paramref name="content"/> is given. <paramref name="attribute"/> defaults to
    /// the expiry for ingress (five minutes on), to the height above the node's finalized one for consensus artifacts,
    /// and to 0 otherwise.
    /// </summary>
    Task<SubmittedArtifact> SubmitArtifactAsync(NodeId node, ArtifactKind kind, int size, byte[]? content, long? attribute);
}
