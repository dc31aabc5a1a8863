using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Reports;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Abstractions.Scenarios;

namespace OrleansGossip.Grains.Runs;

/// <summary>
/// What a run keeps in grain storage (<see cref="Hosting.EmulatorStorage.Runs"/>), so that it outlives the silo that
/// ran it: the scenario and clock from the start, a checkpoint of its progress every few seconds while it runs (to take
/// it up again elsewhere), and the report and its rows once it completed.
/// </summary>
[GenerateSerializer]
public sealed class RunRecord
{
    [Id(0)] public ScenarioSpec? Scenario { get; set; }

    [Id(1)] public RunClock? Clock { get; set; }

    [Id(2)] public RunPhase Phase { get; set; }

    [Id(3)] public string? Error { get; set; }

    /// <summary>The emulated time every subnet had reached at the last checkpoint.</summary>
    [Id(4)] public double SubmittedUpToMs { get; set; }

    [Id(5)] public long Created { get; set; }

    [Id(6)] public long Expected { get; set; }

    [Id(7)] public long Deliveries { get; set; }

    [Id(8)] public long[] CreatedPerSubnet { get; set; } = [];

    [Id(9)] public List<FaultEvent> Faults { get; set; } = [];

    [Id(10)] public RunReport? Report { get; set; }

    [Id(11)] public List<ArtifactRow> Rows { get; set; } = [];

    /// <summary>True once some node of the run lost its state (its silo stopped) and caught up again.</summary>
    [Id(12)] public bool NodesRestored { get; set; }

    /// <summary>The emulated time at which the run ended (began reporting, failed), once it has.</summary>
    [Id(14)] public double? EndedAtSeconds { get; set; }

    /// <summary>What came into the run from outside so far, in the order it came (see <see cref="RunEvent"/>).</summary>
    [Id(15)] public List<RunEvent> Events { get; set; } = [];
}
