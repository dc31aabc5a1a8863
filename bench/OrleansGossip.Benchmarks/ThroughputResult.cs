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

    /// <summary>How late nodes took the messages delivered to them, p99, emulated milliseconds (wall ones at timeScale 1).</summary>
    public double LagMsP99 { get; init; }

    /// <summary>Where the lag was counted (<see cref="ScaleResult.LagCountedAt"/>).</summary>
    public string LagCountedAt { get; init; } = "node";

    /// <summary>What the lag p99 is of (<see cref="ScaleResult.LagCountedPer"/>).</summary>
    public string LagCountedPer { get; init; } = "message";

    public bool Lagging { get; init; }

    /// <summary>The lag p99 (emulated milliseconds) above which the silo calls a run lagging.</summary>
    public double LagWarningMs { get; init; }

    public int Nodes { get; init; }

    public int Subnets { get; init; }

    public int NodesPerSubnet { get; init; }

    public double IngressPerSecondPerSubnet { get; init; }

    public int IngressBytes { get; init; }

    public double DurationSeconds { get; init; }

    /// <summary>Wall seconds of the run, from its epoch to its report.</summary>
    public double WallSeconds { get; init; }

    public long Deliveries { get; init; }

    /// <summary>
    /// Batches of messages the silo's scheduler handed to nodes during the measured run: each is one turn of one node,
    /// the emulator's unit of work comparable to a one-way call (it arrives as one, or as a work item queued to the
    /// node when both ends are on the silo).
    /// </summary>
    public long Batches { get; init; }

    /// <summary>
    /// <see cref="Deliveries"/> over <see cref="Batches"/>: above 1, batching adverts and requests per peer per tick
    /// has a node's turn carry more than one delivery's messages.
    /// </summary>
    public double DeliveriesPerBatch { get; init; }

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
