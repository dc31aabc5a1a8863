namespace OrleansGossip.Dashboard.Contracts;

/// <summary>A run the page can watch.</summary>
public sealed record RunEntry(string RunId, string Scenario, string Protocol, DateTimeOffset StartedAtUtc, IReadOnlyList<string> Subnets, string Phase);
