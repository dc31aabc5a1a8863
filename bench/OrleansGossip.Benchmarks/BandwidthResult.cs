namespace OrleansGossip.Benchmarks;

/// <summary>The closing figures of <c>bandwidth</c>.</summary>
public sealed record BandwidthResult
{
    public string Mode { get; init; } = "bandwidth";

    /// <summary>The largest duplicate ratio advert gossip and Abortable Broadcast may show.</summary>
    public double Target { get; init; }

    public IReadOnlyList<BandwidthRow> Rows { get; init; } = [];

    /// <summary>Every run of a protocol other than flooding at or under the target.</summary>
    public bool WithinTarget { get; init; }

    public MachineInfo? Machine { get; init; }

    public double TotalWallSeconds { get; init; }
}

/// <summary>
/// One scenario under one protocol: the duplicate ratio over every kind and the worst kind's, and the run's slowdown
/// (wall seconds per emulated second, its report's <c>host.slowdown</c>).
/// </summary>
public sealed record BandwidthRow(
    string Scenario,
    string Protocol,
    double DuplicateRatio,
    string WorstKind,
    double WorstKindRatio,
    double DeliveryRatio,
    double Slowdown);
