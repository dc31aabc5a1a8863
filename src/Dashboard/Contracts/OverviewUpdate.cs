namespace OrleansGossip.Dashboard.Contracts;

/// <summary>
/// Every subnet of a run at a glance, with the run's progress and pace: <see cref="Slowdown"/> is the wall seconds
/// each emulated second has taken so far, <see cref="TimeScale"/> the pace the run asked for (0 for none).
/// </summary>
public sealed record OverviewUpdate(
    string RunId,
    string Scenario,
    string Protocol,
    string Phase,
    double EmulatedSeconds,
    double DurationSeconds,
    double Slowdown,
    double TimeScale,
    double DeliveriesPerSecond,
    IReadOnlyList<SubnetHealth> Subnets);
