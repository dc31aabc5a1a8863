namespace OrleansGossip.Benchmarks;

/// <summary>The closing figures of <c>fidelity</c>: one line per case, and whether every case was within the tolerance.</summary>
public sealed record FidelityResult
{
    public string Mode { get; init; } = "fidelity";

    public double LatencyMs { get; init; }

    public double BandwidthMbps { get; init; }

    public double TimeScale { get; init; }

    public double TolerancePercent { get; init; }

    /// <summary>Rounds of one artifact of every case run before the measured cases (<c>--warmup-rounds</c>).</summary>
    public int WarmupRounds { get; init; }

    public IReadOnlyList<FidelityCase> Cases { get; init; } = [];

    /// <summary>Every case within the tolerance, and no run lagging.</summary>
    public bool WithinTarget { get; init; }

    public MachineInfo? Machine { get; init; }

    public double TotalWallSeconds { get; init; }
}

/// <summary>
/// One (N, S) case: the expected time to reach all nodes, the measured one (median over the artifacts, and the
/// spread), the relative error and the run's lag, the longest collector pause while the case ran (a pause at time
/// scale 1 makes the messages due during it as late as it is long), and the methods the runtime compiled meanwhile
/// and the time that took (optimized code is compiled on a thread of its own, which on two cores takes CPU from the
/// nodes).
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
    double GcPauseMaxMs = 0,
    long MethodsCompiled = 0,
    double CompilingMs = 0);
