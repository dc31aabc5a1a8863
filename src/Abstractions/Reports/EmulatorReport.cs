namespace OrleansGossip.Abstractions.Reports;

/// <summary>
/// What the emulated network did as a whole: its deliveries, and the window its subnets advanced by. Like every
/// figure but <see cref="RunReport.Host"/>, the same for the same scenario and seed.
/// </summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Immutable]
public sealed record EmulatorReport
{
    public long Deliveries { get; init; }

    /// <summary>
    /// The smallest window any subnet advanced by: its lookahead, the smallest one-way delay a message can have
    /// (emulated milliseconds).
    /// </summary>
    public double WindowMs { get; init; }

    /// <summary>How many windows the subnets took, summed over subnets (windows with nothing to do are skipped).</summary>
    public long Windows { get; init; }

    /// <summary>
    /// True when a node lost its state during the run (its silo stopped) and resumed from its configuration: it
    /// fetched again what it had held, so the run's counts include those fetches, and the run is no longer exact.
    /// </summary>
    public bool NodesRestored { get; init; }

    /// <summary>What a report says when <see cref="NodesRestored"/> is true.</summary>
    public const string NodesRestoredWarning =
        "A node lost its state during the run and resumed from its configuration; it fetched again what it had held, so duplicates and traffic include those fetches.";
}
