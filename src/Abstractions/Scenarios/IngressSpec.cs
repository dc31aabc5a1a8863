namespace OrleansGossip.Abstractions.Scenarios;

/// <summary>Ingress messages entering the subnet at random nodes, at a steady rate.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Immutable]
public sealed record IngressSpec
{
    public double RatePerSecond { get; init; }

    public int SizeBytes { get; init; } = 1024;
}
