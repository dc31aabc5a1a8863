namespace OrleansGossip.Benchmarks;

/// <summary>The closing figures of <c>throughput</c>.</summary>
public sealed record ThroughputResult
{
    public string Mode { get; init; } = "throughput";

    /// <summary>Deliveries in the run's report divided by the run's wall seconds (workload plus drain).</summary>
    public double DeliveriesPerSecond { get; init; }

    /// <summary>Plain Orleans one-way calls received per wall second on the same silo.</summary>
    public double OrleansOneWayCallsPerSecond { get; init; }

    /// <summary>Deliveries per one-way call: the share of Orleans' ceiling the emulator turns into deliveries.</summary>
    public double Ratio { get; init; }

    /// <summary>
    /// Wall seconds per emulated second the run took (its report's <c>host.slowdown</c>): 1 while the machine kept the
    /// pace of time scale 1, more when it could not. Results before virtual time gave the delivery lag instead
    /// (<c>lagMsP99</c>, <c>lagging</c>).
    /// </summary>
    public double Slowdown { get; init; }

    /// <summary>The protocol core's own deliveries per second on one thread (<see cref="Micro.CoreRate"/>), times the cores.</summary>
    public double CoreDeliveriesPerSecond { get; init; }

    /// <summary>Deliveries per wall second over <see cref="CoreDeliveriesPerSecond"/>: the share of the core's ceiling the emulator reaches.</summary>
    public double CoreRatio { get; init; }

    /// <summary>The run's pace (0: unpaced).</summary>
    public double TimeScale { get; init; }

    public int Nodes { get; init; }

    public int Subnets { get; init; }

    public int NodesPerSubnet { get; init; }

    public double IngressPerSecondPerSubnet { get; init; }

    public int IngressBytes { get; init; }

    public double DurationSeconds { get; init; }

    /// <summary>Wall seconds of the run, from its epoch to its report.</summary>
    public double WallSeconds { get; init; }

    public long Deliveries { get; init; }

    /// <summary>Honest nodes that got each artifact over those that should have, over all artifacts.</summary>
    public double DeliveryRatio { get; init; }

    public double? IngressLatencyP50Ms { get; init; }

    public double? IngressLatencyP99Ms { get; init; }

    public double AdvertsPerDelivery { get; init; }

    public double RequestsPerDelivery { get; init; }

    public double DeliveryTickMs { get; init; }

    public required OneWayCallResult OneWay { get; init; }

    /// <summary>CPU, collections, thread pool and lock contention during the measured run.</summary>
    public required RuntimeSample Runtime { get; init; }

    /// <summary>The same during the one-way call measurement.</summary>
    public RuntimeSample? OneWayRuntime { get; init; }

    public required MachineInfo Machine { get; init; }

    public string Date { get; init; } = DateTimeOffset.UtcNow.ToString("O");

    public double TotalWallSeconds { get; init; }
}
