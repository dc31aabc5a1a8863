using System.Globalization;

namespace OrleansGossip.Abstractions.Reports;

/// <summary>How the emulator itself did: its throughput in wall time and how late its nodes took their deliveries.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Immutable]
public sealed record EmulatorReport
{
    public double DeliveriesPerSecond { get; init; }

    public double WallSeconds { get; init; }

    public double LagMsP99 { get; init; }

    public long Deliveries { get; init; }

    /// <summary>True when nodes took their deliveries late enough to skew latencies.</summary>
    public bool Lagging { get; init; }

    public string? Warning { get; init; }

    /// <summary>
    /// True when a node lost its state during the run (its silo stopped, or it was collected) and resumed from its
    /// stored configuration: it fetched again what it had held, so the run's counts include those fetches.
    /// </summary>
    public bool NodesRestored { get; init; }

    /// <summary>What a report says when <see cref="NodesRestored"/> is true.</summary>
    public const string NodesRestoredWarning =
        "A node lost its state during the run and resumed from its configuration; it fetched again what it had held, so duplicates and traffic include those fetches.";

    /// <summary>
    /// Wall seconds of the run that the emulator's clock left out, because the garbage collector held the process
    /// stopped (<c>Emulator:ExcludeCollectorPauses</c>); counted in <see cref="WallSeconds"/>. Emulated time ran
    /// <c>WallSeconds / (WallSeconds - CollectorPausesExcludedSeconds)</c> times slower than the time scale says.
    /// </summary>
    public double CollectorPausesExcludedSeconds { get; init; }

    /// <summary>The lag p99 above which a run counts as <see cref="Lagging"/>, in emulated milliseconds.</summary>
    public double LagWarningMs { get; init; }

    /// <summary>
    /// The lag over the run, in slices of equal emulated time, so that a reader can tell a start-up or a burst from
    /// a run that fell behind throughout. Empty when no node took a delivery.
    /// </summary>
    public IReadOnlyList<LagSlice> LagTimeline { get; init; } = [];

    /// <summary>
    /// Which part of the run lagged, from <see cref="LagTimeline"/>: how many slices had a lag p99 above
    /// <see cref="LagWarningMs"/>, the worst of them and, when the run as a whole kept time, that it did (a run's
    /// first moments often lag while the runtime compiles the emulator's code); null when no slice lagged.
    /// </summary>
    public string? LateSlicesNote()
    {
        var late = LagTimeline.Where(s => s.LagMsP99 > LagWarningMs).ToList();
        if (late.Count == 0)
        {
            return null;
        }

        var worst = late.MaxBy(s => s.LagMsP99)!;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Nodes took their deliveries late (p99 above {LagWarningMs:0.###} ms) in {late.Count} of {LagTimeline.Count} slices of {worst.ToSeconds - worst.FromSeconds:0.###} emulated s; the worst, {worst.LagMsP99:F1} ms, from {worst.FromSeconds:0.###} to {worst.ToSeconds:0.###} s.{(Lagging ? "" : " Over the whole run the lag p99 stayed below the warning.")}");
    }

    /// <summary>What a report says of <see cref="CollectorPausesExcludedSeconds"/>; null when none were left out.</summary>
    public string? PausesExcludedNote() =>
        CollectorPausesExcludedSeconds > 0 && WallSeconds > CollectorPausesExcludedSeconds
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"The emulator's clock left out {CollectorPausesExcludedSeconds:F2} s of garbage-collector pauses, so emulated time ran {WallSeconds / (WallSeconds - CollectorPausesExcludedSeconds):F3} times slower than the time scale says.")
            : null;
}
