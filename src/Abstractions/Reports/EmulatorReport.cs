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
}
