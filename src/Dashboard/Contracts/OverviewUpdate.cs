namespace OrleansGossip.Dashboard.Contracts;

/// <summary>Every subnet of a run at a glance, with the run's progress and the emulator's lag.</summary>
public sealed record OverviewUpdate(
    string RunId,
    string Scenario,
    string Protocol,
    string Phase,
    double EmulatedSeconds,
    double DurationSeconds,
    double LagMsP99,
    double LagWarningMs,
    double DeliveriesPerSecond,
    IReadOnlyList<SubnetHealth> Subnets);
