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
}

public static class RunPhases
{
    /// <summary>The phase as the API writes it and the dashboard shows it: <c>running</c>, <c>not-started</c>.</summary>
    public static string WireName(this RunPhase phase) => JsonNamingPolicy.KebabCaseLower.ConvertName(phase.ToString());
}
