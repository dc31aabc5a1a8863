namespace OrleansGossip.Benchmarks;

/// <summary>The closing figures of <c>scale</c>.</summary>
public sealed record ScaleResult
{
    public string Mode { get; init; } = "scale";

    /// <summary>The library scenario whose first subnet and workload were copied.</summary>
    public string Scenario { get; init; } = "";

    public int Subnets { get; init; }

    public int Nodes { get; init; }

    public double TimeScale { get; init; }

    public double DurationSeconds { get; init; }

    public double WallSeconds { get; init; }

    public long Deliveries { get; init; }

    public double DeliveriesPerSecond { get; init; }

    /// <summary>Across every kind, weighted by artifacts.</summary>
    public double DeliveryRatio { get; init; }

    /// <summary>Heights finalized per emulated second, the mean over subnets.</summary>
    public double FinalizationRate { get; init; }

    /// <summary>
    /// Wall seconds per emulated second the run took (its report's <c>host.slowdown</c>): the time scale when the machine
    /// kept the run's pace, more when it could not. Results that give it ran on virtual time, whose figures do not depend
    /// on the machine; results before gave the delivery lag instead (<c>lagMsP99</c>).
    /// </summary>
    public double Slowdown { get; init; }

    /// <summary>
    /// Where the nodes kept their run-long tables (receipts, delivery logs, download queues): <c>native</c>, outside
    /// the managed heap. Results without this field ran on a silo that kept them on the pinned object heap.
    /// </summary>
    public string RunLongTables { get; init; } = "native";

    /// <summary>The granularity of deliveries, emulated milliseconds: arrivals are rounded up to it.</summary>
    public double DeliveryTickMs { get; init; }

    /// <summary>Silo processes the nodes were spread over, a subnet to a silo (1: one embedded silo).</summary>
    public int SiloProcesses { get; init; } = 1;

    /// <summary>With several silo processes: the node grains on each, in silo address order.</summary>
    public IReadOnlyList<int>? NodesPerSilo { get; init; }

    /// <summary>With several silo processes: the CPU they all used over the run, in cores.</summary>
    public double? CpuCoresAllSilos { get; init; }

    /// <summary>
    /// Managed heap growth over the run (after full collections) divided by the node count; one embedded silo only,
    /// as other processes' heaps are not measured.
    /// </summary>
    public double? ManagedBytesPerNode { get; init; }

    /// <summary>Growth of the run-long tables' native memory over the run divided by the node count; one embedded silo only.</summary>
    public double? RunLongBytesPerNode { get; init; }

    public double? WorkingSetBytesPerNode { get; init; }

    /// <summary>The runtime figures of this process: with several silo processes, those of the first silo alone.</summary>
    public RuntimeSample? Runtime { get; init; }

    public MachineInfo? Machine { get; init; }

    public double TotalWallSeconds { get; init; }
}
