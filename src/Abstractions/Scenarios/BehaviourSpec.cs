namespace OrleansGossip.Abstractions.Scenarios;

/// <summary>
/// Gives a behaviour to some of a subnet's nodes: those at <see cref="Nodes"/> (indices from 0), or else the
/// first <see cref="Count"/> nodes not given a behaviour yet, counted from the end of the subnet.
/// </summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Immutable]
public sealed record BehaviourSpec
{
    public string Behaviour { get; init; } = "honest";

    public int? Count { get; init; }

    public IReadOnlyList<int>? Nodes { get; init; }
}
