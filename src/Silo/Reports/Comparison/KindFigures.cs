namespace OrleansGossip.Silo.Reports.Comparison;

/// <summary>One protocol's headline figures for one artifact kind; times in emulated milliseconds.</summary>
public sealed record KindFigures
{
    public int Artifacts { get; init; }

    public double DeliveryRatio { get; init; }

    public double? LatencyP50Ms { get; init; }

    public double? LatencyP90Ms { get; init; }

    public double? LatencyP99Ms { get; init; }

    public double? Reach50P50Ms { get; init; }

    public double? Reach67P50Ms { get; init; }

    public double? Reach90P50Ms { get; init; }

    public double DuplicateRatio { get; init; }

    public double BodyBytesPerDelivery { get; init; }

    public double AdvertsPerDelivery { get; init; }

    public double RequestsPerDelivery { get; init; }

    public long Deliveries { get; init; }

    public long BodyBytesReceived { get; init; }
}
