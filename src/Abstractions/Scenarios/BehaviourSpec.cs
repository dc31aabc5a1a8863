namespace OrleansGossip.Abstractions.Scenarios;

/// <summary>
/// Gives a behaviour to some of a subnet's nodes: those at <see cref="Nodes"/> (indices from 0), or else
/// <see cref="Count"/> nodes not given a behaviour yet, taken from the end of the subnet. Behaviours:
/// <c>honest</c>, <c>withhold</c> (adverts, never serves), <c>corrupt</c> (serves wrong bytes), <c>slow</c> (serves
/// at <see cref="Fraction"/> of its bandwidth), <c>advert-spam</c> (adverts <see cref="RatePerSecond"/> artifacts
/// that do not exist), <c>crash</c> (at <see cref="AtSeconds"/>, and back at <see cref="RestartAtSeconds"/> if given).
/// </summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Immutable]
public sealed record BehaviourSpec
{
    public string Behaviour { get; init; } = "honest";

    public int? Count { get; init; }

    public IReadOnlyList<int>? Nodes { get; init; }

    /// <summary>For <c>slow</c>: the share of its bandwidth the node serves at, above 0 and below 1.</summary>
    public double? Fraction { get; init; }

    /// <summary>For <c>advert-spam</c>: bogus adverts per second to each peer.</summary>
    public double? RatePerSecond { get; init; }

    /// <summary>For <c>crash</c>: when, in emulated seconds from the start.</summary>
    public double? AtSeconds { get; init; }

    /// <summary>For <c>crash</c>: when the node comes back, if it does.</summary>
    public double? RestartAtSeconds { get; init; }
}
