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

    /// <summary>Every case within the tolerance.</summary>
    public bool WithinTarget { get; init; }

    public MachineInfo? Machine { get; init; }

    public double TotalWallSeconds { get; init; }
}

/// <summary>
/// One (N, S) case: the expected time to reach all nodes, the measured one (median over the artifacts, and the
/// spread) in emulated time, the relative error, the run's slowdown (wall seconds per emulated second), the longest
/// collector pause while the case ran, and the methods the runtime compiled meanwhile and the time that took: what the
/// case cost the machine, which the emulated times do not depend on.
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
    double Slowdown,
    bool Within,
    double GcPauseMaxMs = 0,
    long MethodsCompiled = 0,
    double CompilingMs = 0);
