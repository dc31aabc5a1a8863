namespace OrleansGossip.Abstractions.Scenarios;

/// <summary>A region of a subnet and how many of its nodes are there; nodes are placed in regions in order.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Immutable]
public sealed record RegionSpec
{
    public string Name { get; init; } = "";

    public int Nodes { get; init; }
}
