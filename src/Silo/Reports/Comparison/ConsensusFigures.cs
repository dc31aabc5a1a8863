namespace OrleansGossip.Silo.Reports.Comparison;

/// <summary>One protocol's consensus figures for a subnet.</summary>
public sealed record ConsensusFigures
{
    public long FinalizedHeight { get; init; }

    public double FinalizationRatePerSecond { get; init; }

    public double? ProposalToFinalizationP50Ms { get; init; }

    public double? ProposalToFinalizationP90Ms { get; init; }
}
