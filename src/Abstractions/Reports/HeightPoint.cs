namespace OrleansGossip.Abstractions.Reports;

/// <summary>A finalized height at an emulated time.</summary>
[GenerateSerializer, Immutable]
public sealed record HeightPoint(double AtSeconds, long Height);
