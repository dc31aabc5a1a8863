namespace OrleansGossip.Silo.Reports.Comparison;

/// <summary>A subnet's figures side by side per kind, and its consensus figures per protocol when it ran consensus.</summary>
public sealed record SubnetComparison
{
    public string Subnet { get; init; } = "";

    public IReadOnlyList<KindComparison> Kinds { get; init; } = [];

    public IReadOnlyDictionary<string, ConsensusFigures>? Consensus { get; init; }
}
