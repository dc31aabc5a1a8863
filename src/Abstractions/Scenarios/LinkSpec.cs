namespace OrleansGossip.Abstractions.Scenarios;

/// <summary>The links between a subnet's nodes: latency, jitter and loss.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Immutable]
public sealed record LinkSpec
{
    public double LatencyMs { get; init; } = 50;

    public double JitterMs { get; init; }

    /// <summary>Probability, from 0 to 1, that a message is lost.</summary>
    public double Loss { get; init; }
}
