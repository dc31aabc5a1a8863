namespace OrleansGossip.Abstractions.Scenarios;

/// <summary>The traffic every subnet of the scenario carries.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Immutable]
public sealed record WorkloadSpec
{
    public IngressSpec? Ingress { get; init; }

    /// <summary>Block-like artifacts on a fixed clock, with no consensus behind them.</summary>
    public BlockSpec? Blocks { get; init; }

    /// <summary>IC-like consensus rounds driven by the nodes themselves.</summary>
    public ConsensusSpec? Consensus { get; init; }
}
