namespace OrleansGossip.Abstractions.Scenarios;

/// <summary>Block-like artifacts, one per interval, made by the nodes of the subnet in turn.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Immutable]
public sealed record BlockSpec
{
    public double IntervalSeconds { get; init; } = 1;

    public int SizeBytes { get; init; } = 1024 * 1024;
}
