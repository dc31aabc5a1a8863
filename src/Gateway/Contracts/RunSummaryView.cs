using OrleansGossip.Abstractions.Runs;

namespace OrleansGossip.Gateway.Contracts;

/// <summary>A run in the list of runs: what it runs, when it started, and where it is.</summary>
public sealed record RunSummaryView(string RunId, string Scenario, string Protocol, DateTimeOffset StartedAtUtc, IReadOnlyList<string> Subnets, RunProgress Progress);
