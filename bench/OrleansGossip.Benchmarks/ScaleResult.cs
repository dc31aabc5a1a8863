using OrleansGossip.Abstractions.Reports;

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

    /// <summary>Seconds of the warm-up run before the measured one (0: none).</summary>
    public double WarmupSeconds { get; init; }

    public double WallSeconds { get; init; }

    public long Deliveries { get; init; }

    public double DeliveriesPerSecond { get; init; }

    /// <summary>Across every kind, weighted by artifacts.</summary>
    public double DeliveryRatio { get; init; }

    /// <summary>Heights finalized per emulated second, the mean over subnets.</summary>
    public double FinalizationRate { get; init; }

    public double LagMsP99 { get; init; }

    /// <summary>
    /// Where the lag was counted: <c>node</c>, from each batch's due time to the node's turn that took it. Results
    /// without this field counted it where the scheduler fired each tick, which misses turns waiting for a thread.
    /// </summary>
    public string LagCountedAt { get; init; } = "node";

    /// <summary>
    /// What the lag p99 is of: <c>message</c>, each message taken counting once. Results without this field counted
    /// each batch once, so that the ticks a collection paused, gathered into one batch per node, weighed as one tick.
    /// </summary>
    public string LagCountedPer { get; init; } = "message";

    /// <summary>
    /// Where the nodes kept their run-long tables (receipts, delivery logs, download queues): <c>native</c>, outside
    /// the managed heap. Results without this field ran on a silo that kept them on the pinned object heap.
    /// </summary>
    public string RunLongTables { get; init; } = "native";

    /// <summary>The lag monitor's verdict: true when the emulator fell behind and its latencies are skewed.</summary>
    public bool Lagging { get; init; }

    /// <summary>The lag p99 (emulated milliseconds) above which the silo calls a run lagging.</summary>
    public double LagWarningMs { get; init; }

    /// <summary>
    /// With <c>--exclude-collector-pauses</c>: the wall seconds of the run the emulator's clock left out, because the
    /// garbage collector held the process stopped. They are counted in <see cref="WallSeconds"/>, so emulated time ran
    /// at a time scale of <c>TimeScale * WallSeconds / (WallSeconds - CollectorPausesExcludedSeconds)</c>.
    /// </summary>
    public double? CollectorPausesExcludedSeconds { get; init; }

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

    /// <summary>The measured run's lag over run time, as its report gives it (<c>emulator.lagTimeline</c>).</summary>
    public IReadOnlyList<LagSlice>? LagTimeline { get; init; }
}
