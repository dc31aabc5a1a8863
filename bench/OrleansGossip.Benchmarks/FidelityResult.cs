namespace OrleansGossip.Benchmarks;

/// <summary>The closing figures of <c>fidelity</c>: one line per case, and whether every case was within the tolerance.</summary>
public sealed record FidelityResult
{
    public string Mode { get; init; } = "fidelity";

    public double LatencyMs { get; init; }

    public double BandwidthMbps { get; init; }

    public double TimeScale { get; init; }

    public double TolerancePercent { get; init; }

    public IReadOnlyList<FidelityCase> Cases { get; init; } = [];

    /// <summary>Every case within the tolerance, and no run lagging.</summary>
    public bool WithinTarget { get; init; }

    public MachineInfo? Machine { get; init; }

    public double TotalWallSeconds { get; init; }
}

/// <summary>
/// One (N, S) case: the expected time to reach all nodes, the measured one (median over the artifacts, and the
/// spread), the relative error and the run's lag, and the longest collector pause while the case ran (a pause at time
/// scale 1 makes the messages due during it as late as it is long).
/// </summary>
public sealed record FidelityCase(
    int Nodes,
    int ArtifactBytes,
    int Artifacts,
    double ExpectedMs,
    double MeasuredMsMedian,
    double MeasuredMsMin,
    double MeasuredMsMax,
    double ErrorPercent,
    double LagMsP99,
    bool Lagging,
    bool Within,
    double GcPauseMaxMs = 0);
