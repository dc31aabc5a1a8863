namespace OrleansGossip.Abstractions.Scenarios;

/// <summary>
/// Ingress messages entering the subnet at random honest nodes at a steady rate (exponential gaps). Sizes are
/// <c>constant</c> (<see cref="SizeBytes"/>), <c>uniform</c> (<see cref="MinBytes"/> to <see cref="MaxBytes"/>) or
/// <c>lognormal</c> (median <see cref="SizeBytes"/>, clamped to the range).
/// </summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Immutable]
public sealed record IngressSpec
{
    public double RatePerSecond { get; init; }

    public int SizeBytes { get; init; } = 1024;

    public string Distribution { get; init; } = "constant";

    public int MinBytes { get; init; } = 1;

    public int MaxBytes { get; init; } = 2 * 1024 * 1024;
}
