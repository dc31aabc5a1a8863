namespace OrleansGossip.Benchmarks;

/// <summary>The closing figures of <c>tls-cost</c>: the same run on a two-silo cluster without TLS and with mutual TLS, alternately.</summary>
public sealed record TlsCostResult
{
    public string Mode { get; init; } = "tls-cost";

    public int Silos { get; init; } = 2;

    public int Subnets { get; init; }

    public int NodesPerSubnet { get; init; }

    public double IngressPerSecondPerSubnet { get; init; }

    public double DurationSeconds { get; init; }

    /// <summary>Every run, in order.</summary>
    public IReadOnlyList<TlsCostRun> Runs { get; init; } = [];

    /// <summary>Mean deliveries per wall second at the offered rate, without and with TLS.</summary>
    public double PlaintextDeliveriesPerSecond { get; init; }

    public double TlsDeliveriesPerSecond { get; init; }

    /// <summary>TLS throughput over plaintext throughput (1 = no cost).</summary>
    public double ThroughputRatio { get; init; }

    /// <summary>The median over pairs of each pair's TLS / plaintext throughput: steadier on a busy machine.</summary>
    public double MedianPairThroughputRatio { get; init; }

    /// <summary>Process CPU time per delivery (both silos), microseconds, without and with TLS.</summary>
    public double PlaintextCpuMicrosPerDelivery { get; init; }

    public double TlsCpuMicrosPerDelivery { get; init; }

    /// <summary>The CPU TLS costs more per delivery, in percent (median over pairs).</summary>
    public double MedianPairCpuOverheadPercent { get; init; }

    /// <summary>Saturated pairs (offered load above capacity), when measured: throughput is then the cluster's capacity.</summary>
    public double? SaturatedRate { get; init; }

    public double? SaturatedPlaintextDeliveriesPerSecond { get; init; }

    public double? SaturatedTlsDeliveriesPerSecond { get; init; }

    /// <summary>The median over saturated pairs of TLS / plaintext capacity (1 = TLS costs nothing; the goal is at least 0.9).</summary>
    public double? SaturatedMedianPairThroughputRatio { get; init; }

    public double? SaturatedMedianPairCpuOverheadPercent { get; init; }

    public MachineInfo? Machine { get; init; }

    public double TotalWallSeconds { get; init; }
}
