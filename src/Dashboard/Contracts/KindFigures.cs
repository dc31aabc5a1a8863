namespace OrleansGossip.Dashboard.Contracts;

/// <summary>
/// One artifact kind in the watched subnet: counts (since the page watched; the nodes' byte and message counters are
/// the run's totals), the latency distribution from creation to each delivery (counts per bucket, bucket upper bounds
/// in <see cref="LatencyBucketsMs"/>), and coverage over time since creation (<c>[ms, share]</c> points).
/// </summary>
public sealed record KindFigures(
    string Kind,
    long Artifacts,
    long Deliveries,
    long BodiesReceived,
    long BodyBytesReceived,
    long Duplicates,
    long AdvertsSent,
    long RequestsSent,
    double? P50Ms,
    double? P90Ms,
    IReadOnlyList<double> LatencyBucketsMs,
    IReadOnlyList<long> LatencyCounts,
    IReadOnlyList<double[]> Coverage);
