namespace OrleansGossip.Abstractions.Runs;

/// <summary>What one silo's nodes counted for a run since the silo's last report, and how late they took their deliveries.</summary>
[GenerateSerializer, Immutable]
public sealed record SiloProgress(string Silo, long Deliveries, LagHistogram Lag);
