namespace OrleansGossip.Benchmarks;

/// <summary>One run of <c>dashboard-cost</c>: watched or not, at what rate, and what it achieved (its slowdown: wall seconds per emulated second).</summary>
public sealed record DashboardCostRun(bool Watched, double Rate, double DeliveriesPerSecond, long Deliveries, double WallSeconds, double CpuMicrosPerDelivery, double Slowdown, long Updates);
