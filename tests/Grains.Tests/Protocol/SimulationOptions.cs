using OrleansGossip.Abstractions.Nodes;

namespace OrleansGossip.Grains.Tests.Protocol;

/// <summary>How a <see cref="SimulatedSubnet"/> is set up: the protocol's settings, the links and the seeds.</summary>
public sealed record SimulationOptions
{
    public GossipSettings Settings { get; init; } = GossipSettings.Default;

    /// <summary>The one-way latency of every link, unless a link is given its own.</summary>
    public double LatencyMs { get; init; } = 50;

    /// <summary>The bandwidth of every directed link, in Mbit/s; null for no size-dependent delay.</summary>
    public double? BandwidthMbps { get; init; }

    /// <summary>The probability that a message is lost.</summary>
    public double Loss { get; init; }

    /// <summary>Seeds the loss decisions, which have a random source of their own.</summary>
    public int LossSeed { get; init; } = 1;

    /// <summary>Seeds the random source each core is given.</summary>
    public int NodeSeed { get; init; } = 1;

    /// <summary>
    /// Attaches a <see cref="Grains.Protocol.Clients.BlockClockClient"/> to every node, so that a block proposal at
    /// height h makes its holder take h - 1 as finalized.
    /// </summary>
    public bool BlockClock { get; init; } = true;

    /// <summary>Behaviours by node index; nodes not listed are honest.</summary>
    public IReadOnlyDictionary<int, NodeBehaviour> Behaviours { get; init; } = new Dictionary<int, NodeBehaviour>();

    public NodeBehaviour BehaviourOf(int index) => Behaviours.GetValueOrDefault(index, NodeBehaviour.Honest);
}
