namespace OrleansGossip.Abstractions.Reports;

/// <summary>What a run measured, per subnet and artifact kind, and how the emulator kept up.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Immutable]
public sealed record RunReport
{
    public string Scenario { get; init; } = "";

    public string RunId { get; init; } = "";

    public string Protocol { get; init; } = "";

    public ulong Seed { get; init; }

    public double TimeScale { get; init; }

    public double DurationSeconds { get; init; }

    public IReadOnlyList<SubnetReport> Subnets { get; init; } = [];

    public EmulatorReport Emulator { get; init; } = new();

    /// <summary>The faults applied, in time order.</summary>
    public IReadOnlyList<FaultEvent> Faults { get; init; } = [];

    /// <summary>Whether the nodes' priority functions were on.</summary>
    public bool Priorities { get; init; } = true;
}
