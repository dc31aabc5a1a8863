namespace OrleansGossip.Abstractions.Scenarios;

/// <summary>
/// Something that happens to a subnet at a time: <c>partition</c> (cut every link between <see cref="Groups"/>),
/// <c>heal</c> (restore every cut link), <c>cut-link</c> / <c>heal-link</c> (<see cref="From"/> to <see cref="To"/>,
/// both directions), <c>loss-burst</c> (<see cref="Loss"/> on every link for <see cref="DurationSeconds"/>),
/// <c>crash</c> / <c>restart</c> (<see cref="Nodes"/>), <c>add-node</c> (<see cref="Count"/> new nodes through the
/// registry) and <c>remove-node</c> (<see cref="Nodes"/> through the registry).
/// </summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Immutable]
public sealed record FaultSpec
{
    public double AtSeconds { get; init; }

    public string Kind { get; init; } = "";

    /// <summary>The subnet it happens to; may be left out when the scenario has one subnet.</summary>
    public string? Subnet { get; init; }

    public IReadOnlyList<int>? Nodes { get; init; }

    public IReadOnlyList<IReadOnlyList<int>>? Groups { get; init; }

    public int? From { get; init; }

    public int? To { get; init; }

    public double? Loss { get; init; }

    public double? DurationSeconds { get; init; }

    public int? Count { get; init; }
}
