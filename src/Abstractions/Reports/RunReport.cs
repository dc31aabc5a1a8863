using System.Globalization;

namespace OrleansGossip.Abstractions.Reports;

/// <summary>What a run measured, per subnet and artifact kind, and how the machine ran it (<see cref="Host"/>).</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Immutable]
public sealed record RunReport
{
    public string Scenario { get; init; } = "";

    public string RunId { get; init; } = "";

    public string Protocol { get; init; } = "";

    public ulong Seed { get; init; }

    public double DurationSeconds { get; init; }

    /// <summary>
    /// The emulated second the run was stopped at before its end (Ctrl+C, or a stop request); null when it ran its
    /// course. Artifacts made shortly before it had no time left to reach every node.
    /// </summary>
    public double? StoppedAtSeconds { get; init; }

    public IReadOnlyList<SubnetReport> Subnets { get; init; } = [];

    public EmulatorReport Emulator { get; init; } = new();

    /// <summary>How the machine ran it: wall time, deliveries per wall second, slowdown. The one machine-dependent part.</summary>
    public HostReport Host { get; init; } = new();

    /// <summary>The faults applied, in time order.</summary>
    public IReadOnlyList<FaultEvent> Faults { get; init; } = [];

    /// <summary>Whether the nodes' priority functions were on.</summary>
    public bool Priorities { get; init; } = true;

    /// <summary>
    /// The report without what may differ between two runs of the same scenario and seed: its run id and its host
    /// block. Two such runs give equal figures.
    /// </summary>
    public RunReport Figures() => this with { RunId = "", Host = new HostReport() };

    /// <summary>
    /// What a reader of a run stopped early must know (<see cref="StoppedAtSeconds"/>): when, and that the delivery
    /// of its last artifacts was cut short; null for a run that ran its course.
    /// </summary>
    public string? StoppedNote() => StoppedAtSeconds is { } stopped
        ? string.Create(
            CultureInfo.InvariantCulture,
            $"Stopped early, at {stopped:0.#} of {DurationSeconds:0.###} emulated s of workload: the artifacts made shortly before had no time to reach every node, so their delivery ratios and latencies are cut short.")
        : null;
}
