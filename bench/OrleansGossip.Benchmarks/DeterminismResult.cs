namespace OrleansGossip.Benchmarks;

/// <summary>The closing figures of <c>determinism</c>.</summary>
public sealed record DeterminismResult
{
    public string Mode { get; init; } = "determinism";

    public string Scenario { get; init; } = "";

    public string Protocol { get; init; } = "";

    public ulong Seed { get; init; }

    /// <summary>Silos of the cluster run.</summary>
    public int Silos { get; init; }

    /// <summary>True when every report is the same outside its run id and host block.</summary>
    public bool Identical { get; init; }

    /// <summary>Which run differed first, the JSON path and both values; null when none did.</summary>
    public string? FirstDifference { get; init; }

    public IReadOnlyList<DeterminismRun> Runs { get; init; } = [];

    public MachineInfo Machine { get; init; } = MachineInfo.Current();
}
