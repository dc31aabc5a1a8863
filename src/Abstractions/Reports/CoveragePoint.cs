namespace OrleansGossip.Abstractions.Reports;

/// <summary>On average across a kind's artifacts, the share of honest nodes holding one <see cref="Ms"/> after it was made.</summary>
[GenerateSerializer, Immutable]
public sealed record CoveragePoint(double Ms, double Share);
