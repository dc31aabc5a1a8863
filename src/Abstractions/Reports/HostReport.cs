namespace OrleansGossip.Abstractions.Reports;

/// <summary>
/// How the machine ran the run: the only part of a report that depends on the machine rather than on the scenario
/// and seed. <see cref="Slowdown"/> is the wall seconds each emulated second took: the time scale when the run kept
/// its pace, more when the machine could not.
/// </summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Immutable]
public sealed record HostReport
{
    /// <summary>The pace the run was given: wall seconds per emulated second at the least, 0 for unpaced.</summary>
    public double TimeScale { get; init; }

    public double WallSeconds { get; init; }

    /// <summary>Deliveries per wall second.</summary>
    public double DeliveriesPerSecond { get; init; }

    /// <summary>Wall seconds per emulated second, achieved.</summary>
    public double Slowdown { get; init; }

    /// <summary>The silos the run's nodes ran on.</summary>
    public int Silos { get; init; }

    /// <summary>The machine the run's grain ran on: its processor count and operating system.</summary>
    public string Machine { get; init; } = "";
}
