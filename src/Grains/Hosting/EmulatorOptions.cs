using System.ComponentModel.DataAnnotations;

namespace OrleansGossip.Grains.Hosting;

/// <summary>Settings of a silo's network emulator and telemetry.</summary>
public sealed class EmulatorOptions
{
    public const string SectionName = "Emulator";

    /// <summary>
    /// The granularity of deliveries: messages to one node due in the same tick travel as one batch. It is the
    /// scheduler's resolution in wall time and, for each run, in emulated time: at a time scale of 10 a node gets
    /// its messages in batches 10 wall milliseconds apart, as many per batch as at a time scale of 1.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.0001", "00:00:01")]
    public TimeSpan DeliveryTick { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>How often a silo reports its runs' progress to them.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Delivery lag (p99, emulated milliseconds) above which a run is reported as lagging.</summary>
    [Range(0.01, 60_000)]
    public double LagWarningMs { get; set; } = 10;

    /// <summary>
    /// Whether the emulator's clock leaves out the time the .NET garbage collector holds the process stopped
    /// (<see cref="Network.PauseExcludingClock"/>). No node runs during such a pause, so with the pause left out the
    /// emulated network goes on after it as if it had not happened, where otherwise every delivery it held up is late
    /// by it. Emulated time then runs a little slower than the time scale says (the run's report says by how much).
    /// For a silo that runs its runs alone, as the embedded host does: each silo leaves out its own pauses, so the
    /// clocks of silos in a cluster would drift apart, and a run refuses to start on such a silo in a cluster.
    /// </summary>
    public bool ExcludeCollectorPauses { get; set; }

    /// <summary>How node grains are spread over the cluster's silos.</summary>
    public NodePlacement NodePlacement { get; set; } = NodePlacement.Random;
}

/// <summary>How node grains are spread over the cluster's silos (<see cref="EmulatorOptions.NodePlacement"/>).</summary>
public enum NodePlacement
{
    /// <summary>
    /// Each node on a random silo, the default. A subnet's gossip crosses silos; a silo's death takes some nodes of
    /// each subnet with it, and they catch up from the others when they resume.
    /// </summary>
    Random,

    /// <summary>
    /// The nodes of a subnet together on one silo, subnets spread over the silos: a subnet's gossip stays within its
    /// silo and costs no messaging between silos, so a cluster carries more subnets. A silo's death takes its
    /// subnets whole: what only they held is lost.
    /// </summary>
    Subnet,
}
