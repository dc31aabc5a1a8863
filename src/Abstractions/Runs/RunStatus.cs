using OrleansGossip.Abstractions.Reports;

namespace OrleansGossip.Abstractions.Runs;

/// <summary>
/// A run at a glance: its progress, what it runs, its subnets and the faults applied so far; and the id of its warm-up
/// run when it was started with one (<see cref="IRunGrain.StartAsync"/>), a run of its own to read while it goes on.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RunStatus(
    RunProgress Progress,
    string Scenario,
    string Protocol,
    ulong Seed,
    double TimeScale,
    DateTimeOffset? EpochUtc,
    IReadOnlyList<RunSubnet> Subnets,
    IReadOnlyList<FaultEvent> Faults,
    string? WarmUpRunId = null);
