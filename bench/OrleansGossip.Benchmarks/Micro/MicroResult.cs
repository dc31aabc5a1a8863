namespace OrleansGossip.Benchmarks.Micro;

/// <summary>The closing figures of <c>micro</c>: one row per benchmark case.</summary>
public sealed record MicroResult
{
    public string Mode { get; init; } = "micro";

    public IReadOnlyList<MicroCase> Cases { get; init; } = [];

    public MachineInfo Machine { get; init; } = MachineInfo.Current();
}

/// <summary>A benchmark case: its name and parameters, the mean time and the bytes allocated per operation.</summary>
public sealed record MicroCase(string Benchmark, string Parameters, double MeanNanoseconds, double StandardErrorNanoseconds, double? AllocatedBytes);
