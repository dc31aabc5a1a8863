namespace OrleansGossip.Benchmarks;

/// <summary>The closing figures of <c>placement</c>: the same run on two silos placing nodes at random and by subnet, alternately.</summary>
public sealed record PlacementResult
{
    public string Mode { get; init; } = "placement";

    public int Silos { get; init; } = 2;

    public int Subnets { get; init; }

    public int NodesPerSubnet { get; init; }

    public double IngressPerSecondPerSubnet { get; init; }

    public double DurationSeconds { get; init; }

    /// <summary>Every run, in order.</summary>
    public IReadOnlyList<PlacementRun> Runs { get; init; } = [];

    /// <summary>Mean deliveries per wall second, placing nodes at random and by subnet.</summary>
    public double RandomDeliveriesPerSecond { get; init; }

    public double SubnetDeliveriesPerSecond { get; init; }

    /// <summary>The median over pairs of each pair's by-subnet / at-random throughput.</summary>
    public double MedianPairThroughputRatio { get; init; }

    /// <summary>Process CPU time per delivery (both silos), microseconds, at random and by subnet.</summary>
    public double RandomCpuMicrosPerDelivery { get; init; }

    public double SubnetCpuMicrosPerDelivery { get; init; }

    /// <summary>The median over pairs of each pair's by-subnet / at-random CPU per delivery.</summary>
    public double MedianPairCpuRatio { get; init; }

    public MachineInfo? Machine { get; init; }

    public double TotalWallSeconds { get; init; }
}
