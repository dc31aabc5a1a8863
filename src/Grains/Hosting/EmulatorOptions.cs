using System.ComponentModel.DataAnnotations;

namespace OrleansGossip.Grains.Hosting;

/// <summary>Settings of a silo's emulator.</summary>
public sealed class EmulatorOptions
{
    public const string SectionName = "Emulator";

    /// <summary>
    /// The resolution of arrivals in emulated time: a message arrives at the end of the tick its transfer ends in. A
    /// subnet's window is never shorter than it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.0001", "00:00:01")]
    public TimeSpan DeliveryTick { get; set; } = TimeSpan.FromMilliseconds(1);

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
