namespace OrleansGossip.Benchmarks;

/// <summary>The closing figures of <c>dashboard-cost</c>: the same run unwatched and watched, alternately.</summary>
public sealed record DashboardCostResult
{
    public string Mode { get; init; } = "dashboard-cost";

    public int Subnets { get; init; }

    public int NodesPerSubnet { get; init; }

    public double IngressPerSecondPerSubnet { get; init; }

    public double DurationSeconds { get; init; }

    /// <summary>Browsers simulated: hub clients watching one subnet's detail, plus one watching the overview.</summary>
    public int Watchers { get; init; }

    /// <summary>Deliveries per wall second of each run at the offered rate, in order (unwatched, watched, ...).</summary>
    public IReadOnlyList<DashboardCostRun> Runs { get; init; } = [];

    /// <summary>Mean deliveries per wall second, unwatched and watched, at the offered rate.</summary>
    public double UnwatchedDeliveriesPerSecond { get; init; }

    public double WatchedDeliveriesPerSecond { get; init; }

    /// <summary>The throughput a watched run loses: 1 - watched / unwatched, in percent (negative: noise in its favour).</summary>
    public double ThroughputLossPercent { get; init; }

    /// <summary>The median over pairs (an unwatched run, then a watched one) of each pair's loss: steadier on a busy machine.</summary>
    public double MedianPairThroughputLossPercent { get; init; }

    /// <summary>The median over pairs of each pair's extra CPU per delivery, in percent.</summary>
    public double MedianPairCpuOverheadPercent { get; init; }

    /// <summary>Process CPU time per delivery, unwatched and watched, microseconds (the watching clients' CPU included).</summary>
    public double UnwatchedCpuMicrosPerDelivery { get; init; }

    public double WatchedCpuMicrosPerDelivery { get; init; }

    /// <summary>The CPU a watched run costs more per delivery, in percent.</summary>
    public double CpuOverheadPercent { get; init; }

    /// <summary>Saturated runs (offered load above capacity), when measured: throughput is then the emulator's capacity.</summary>
    public double? SaturatedRate { get; init; }

    public double? SaturatedUnwatchedDeliveriesPerSecond { get; init; }

    public double? SaturatedWatchedDeliveriesPerSecond { get; init; }

    public double? SaturatedThroughputLossPercent { get; init; }

    /// <summary>Updates one subnet watcher received per second, and their mean size in bytes (JSON).</summary>
    public double UpdatesPerSecondPerWatcher { get; init; }

    public double MeanUpdateBytes { get; init; }

    public MachineInfo? Machine { get; init; }

    public double TotalWallSeconds { get; init; }
}
