namespace OrleansGossip.Abstractions.Reports;

[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Immutable]
public sealed record SubnetReport
{
    public string Subnet { get; init; } = "";

    public int Nodes { get; init; }

    public int HonestNodes { get; init; }

    public IReadOnlyList<KindReport> Kinds { get; init; } = [];

    /// <summary>Consensus figures, when the scenario runs consensus.</summary>
    public ConsensusReport? Consensus { get; init; }
}
