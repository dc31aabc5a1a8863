namespace OrleansGossip.Abstractions.Live;

/// <summary>
/// What one silo's nodes of a watched run did since the silo's last batch: the artifacts they made, the deliveries
/// they took (grouped by artifact, so that a batch carries no message per delivery) and the latest sample of each
/// node that changed.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LiveBatch(
    string RunId,
    string Silo,
    IReadOnlyList<LiveCreated> Created,
    IReadOnlyList<LiveDeliveries> Deliveries,
    IReadOnlyList<LiveNodeSample> Nodes)
{
    public bool IsEmpty => Created.Count == 0 && Deliveries.Count == 0 && Nodes.Count == 0;
}
