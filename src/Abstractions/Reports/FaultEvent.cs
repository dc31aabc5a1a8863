namespace OrleansGossip.Abstractions.Reports;

/// <summary>A fault the run applied, for the time axis of the report.</summary>
[GenerateSerializer, Immutable]
public sealed record FaultEvent(double AtSeconds, string Kind, string Subnet, string Description);
