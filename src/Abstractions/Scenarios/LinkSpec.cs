namespace OrleansGossip.Abstractions.Scenarios;

/// <summary>
/// The links between a subnet's nodes. Latency is drawn per message by <see cref="Model"/>: <c>constant</c>
/// (<see cref="LatencyMs"/>), <c>uniform</c> (<see cref="LatencyMs"/> plus 0 to <see cref="JitterMs"/>) or
/// <c>normal</c> (mean <see cref="LatencyMs"/>, deviation <see cref="StdDevMs"/>, never below 0). With regions, the
/// regions' matrix gives the base latency instead of <see cref="LatencyMs"/>.
/// </summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Immutable]
public sealed record LinkSpec
{
    public string Model { get; init; } = "uniform";

    public double LatencyMs { get; init; } = 50;

    public double JitterMs { get; init; }

    public double StdDevMs { get; init; }

    /// <summary>Probability, from 0 to 1, that a message is lost.</summary>
    public double Loss { get; init; }
}
