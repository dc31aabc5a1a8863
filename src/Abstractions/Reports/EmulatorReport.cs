namespace OrleansGossip.Abstractions.Reports;

/// <summary>How the emulator itself did: its throughput in wall time and how late its scheduled deliveries fired.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Immutable]
public sealed record EmulatorReport
{
    public double DeliveriesPerSecond { get; init; }

    public double WallSeconds { get; init; }

    public double LagMsP99 { get; init; }

    public long Deliveries { get; init; }

    /// <summary>True when scheduled deliveries fired late enough to skew latencies.</summary>
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
}
