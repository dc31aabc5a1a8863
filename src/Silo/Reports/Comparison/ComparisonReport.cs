namespace OrleansGossip.Silo.Reports.Comparison;

/// <summary>
/// <c>comparison.json</c>: one scenario and seed run under several protocols, the headline figures per subnet and
/// kind side by side, keyed by protocol name.
/// </summary>
public sealed record ComparisonReport
{
    public string Scenario { get; init; } = "";

    public ulong Seed { get; init; }

    public double TimeScale { get; init; }

    public double DurationSeconds { get; init; }

    public IReadOnlyList<string> Protocols { get; init; } = [];

    public IReadOnlyList<ComparedRun> Runs { get; init; } = [];

    public IReadOnlyList<SubnetComparison> Subnets { get; init; } = [];
}
