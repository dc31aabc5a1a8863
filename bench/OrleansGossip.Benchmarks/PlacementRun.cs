namespace OrleansGossip.Benchmarks;

/// <summary>One run of <c>placement</c>: how nodes were placed and what the run achieved.</summary>
public sealed record PlacementRun(string Placement, double DeliveriesPerSecond, long Deliveries, double WallSeconds, double CpuMicrosPerDelivery, double Slowdown, double DeliveryRatio);
