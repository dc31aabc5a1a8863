namespace OrleansGossip.Abstractions.Runs;

/// <summary>What one silo's nodes counted for a run since the silo's last report, and how late its scheduler fired.</summary>
[GenerateSerializer, Immutable]
public sealed record SiloProgress(string Silo, long Deliveries, LagHistogram Lag);
