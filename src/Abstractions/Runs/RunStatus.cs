using OrleansGossip.Abstractions.Reports;

namespace OrleansGossip.Abstractions.Runs;

/// <summary>
/// A run at a glance: its progress, what it runs, its subnets and the faults applied so far.
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
    IReadOnlyList<FaultEvent> Faults);
