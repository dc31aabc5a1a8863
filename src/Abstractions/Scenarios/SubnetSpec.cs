namespace OrleansGossip.Abstractions.Scenarios;

/// <summary>One subnet of a scenario.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Immutable]
public sealed record SubnetSpec
{
    public string Id { get; init; } = "";

    /// <summary>How many nodes the subnet starts with.</summary>
    public int Nodes { get; init; }

    /// <summary>How nodes are connected; <c>full-mesh</c> is the IC's own.</summary>
    public string Topology { get; init; } = "full-mesh";

    public LinkSpec Link { get; init; } = new();

    /// <summary>Upload and download bandwidth of every node, in Mbit/s.</summary>
    public double BandwidthMbps { get; init; } = 300;

    /// <summary>Nodes that do not behave honestly.</summary>
    public IReadOnlyList<BehaviourSpec> Behaviours { get; init; } = [];
}
