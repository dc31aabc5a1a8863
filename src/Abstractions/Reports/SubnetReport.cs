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

    /// <summary>The protocol's own counters summed over the subnet's nodes (Abortable Broadcast's slot-table figures).</summary>
    public IReadOnlyDictionary<string, long> ProtocolCounters { get; init; } = new Dictionary<string, long>();

    /// <summary>
    /// Messages the subnet's nodes refused because their sender was not a member of the subnet at the registry versions
    /// in use (a node of another subnet, or one removed from the registry).
    /// </summary>
    public long RejectedNonMember { get; init; }
}
