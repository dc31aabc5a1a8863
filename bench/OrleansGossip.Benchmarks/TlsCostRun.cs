namespace OrleansGossip.Benchmarks;

/// <summary>One run of <c>tls-cost</c>: over TLS or not, at what rate, what it achieved, and (with TLS) the MB of TLS records the silos sent.</summary>
public sealed record TlsCostRun(bool Tls, double Rate, double DeliveriesPerSecond, long Deliveries, double WallSeconds, double CpuMicrosPerDelivery, double Slowdown, double DeliveryRatio, int TlsConnections, double TlsMegabytesSent);
