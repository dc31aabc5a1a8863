namespace OrleansGossip.Abstractions.Scenarios;

/// <summary>One subnet of a scenario.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Immutable]
public sealed record SubnetSpec
{
    public string Id { get; init; } = "";

    /// <summary>How many nodes the subnet starts with.</summary>
    public int Nodes { get; init; }

    /// <summary>How nodes are connected: <c>full-mesh</c> (the IC's own), <c>random-regular</c>, <c>ring</c> or <c>small-world</c>.</summary>
    public string Topology { get; init; } = "full-mesh";

    /// <summary>Peers per node for <c>random-regular</c>; neighbours on the ring for <c>small-world</c>.</summary>
    public int? Degree { get; init; }

    /// <summary>For <c>small-world</c>: the probability that each ring edge is rewired to a random node.</summary>
    public double RewireProbability { get; init; } = 0.1;

    public LinkSpec Link { get; init; } = new();

    /// <summary>Named regions with their node counts; their sum must be the subnet's node count.</summary>
    public IReadOnlyList<RegionSpec>? Regions { get; init; }

    /// <summary>Base one-way latency between regions, by region name; the matrix must name every pair.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>? RegionLatencyMs { get; init; }

    /// <summary>Upload and download bandwidth of every node, in Mbit/s.</summary>
    public double BandwidthMbps { get; init; } = 300;

    /// <summary>Nodes that do not behave honestly.</summary>
    public IReadOnlyList<BehaviourSpec> Behaviours { get; init; } = [];
}
