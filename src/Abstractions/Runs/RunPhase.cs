using System.Text.Json;

namespace OrleansGossip.Abstractions.Runs;

[GenerateSerializer]
public enum RunPhase : byte
{
    NotStarted,
    Running,
    Draining,
    Reporting,
    Completed,
    Failed,

    /// <summary>
    /// The run waits for a warm-up run of its scenario to end before it begins (<see cref="IRunGrain.StartAsync"/>);
    /// last, so that the phases stored before it keep their values.
    /// </summary>
    WarmingUp,
}

public static class RunPhases
{
    /// <summary>The phase as the API writes it and the dashboard shows it: <c>running</c>, <c>warming-up</c>.</summary>
    public static string WireName(this RunPhase phase) => JsonNamingPolicy.KebabCaseLower.ConvertName(phase.ToString());
}
