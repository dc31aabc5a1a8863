namespace OrleansGossip.Abstractions.Reports;

/// <summary>How a subnet's consensus went: how fast heights were finalized, and how long a proposal took to be finalized.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Immutable]
public sealed record ConsensusReport
{
    /// <summary>The height finalized by the median honest node at the end of the run.</summary>
    public long FinalizedHeight { get; init; }

    /// <summary>Heights finalized per emulated second over the workload's duration (median honest node).</summary>
    public double FinalizationRatePerSecond { get; init; }

    /// <summary>From a block's proposal to its finalization at each honest node, across heights and nodes.</summary>
    public Percentiles ProposalToFinalizationMs { get; init; } = Percentiles.Empty;

    /// <summary>The median honest node's finalized height over time, for plotting.</summary>
    public IReadOnlyList<HeightPoint> Timeline { get; init; } = [];
}
