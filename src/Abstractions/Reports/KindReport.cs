namespace OrleansGossip.Abstractions.Reports;

/// <summary>The figures of one artifact kind in one subnet.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Immutable]
public sealed record KindReport
{
    public string Kind { get; init; } = "";

    public int Artifacts { get; init; }

    /// <summary>Deliveries to honest nodes that should get an artifact, over their number.</summary>
    public double DeliveryRatio { get; init; }

    /// <summary>Time for an artifact to reach every honest node, across the artifacts that did.</summary>
    public Percentiles LatencyMs { get; init; } = Percentiles.Empty;

    public Percentiles Reach50Ms { get; init; } = Percentiles.Empty;

    public Percentiles Reach67Ms { get; init; } = Percentiles.Empty;

    public Percentiles Reach90Ms { get; init; } = Percentiles.Empty;

    /// <summary>Body bytes received by nodes over the minimum: one body per receiving node.</summary>
    public double DuplicateRatio { get; init; }

    public double AdvertsPerDelivery { get; init; }

    public double RequestsPerDelivery { get; init; }

    public long Deliveries { get; init; }

    public long BodyBytesReceived { get; init; }

    public long FetchTimeouts { get; init; }

    public long Rejected { get; init; }

    /// <summary>Coverage against time since creation, for plotting.</summary>
    public IReadOnlyList<CoveragePoint> Coverage { get; init; } = [];
}
