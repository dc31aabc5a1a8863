namespace OrleansGossip.Abstractions.Runs;

/// <summary>A run as the run index lists it: its id, what it runs and when it started.</summary>
[GenerateSerializer, Immutable]
public sealed record RunListing(string RunId, string Scenario, string Protocol, DateTimeOffset StartedAtUtc, IReadOnlyList<string> Subnets);
