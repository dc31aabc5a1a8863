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
