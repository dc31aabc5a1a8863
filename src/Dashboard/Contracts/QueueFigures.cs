namespace OrleansGossip.Dashboard.Contracts;

/// <summary>
/// Queues of the watched subnet per priority class: downloads waiting (advert gossip's peer queues, summed over nodes)
/// and how far ahead the nodes' uplinks are booked (the mean over nodes, emulated milliseconds).
/// </summary>
public sealed record QueueFigures(IReadOnlyList<string> Classes, IReadOnlyList<long> QueuedFetches, IReadOnlyList<double> UplinkBacklogMs);
