namespace OrleansGossip.Abstractions.Scenarios;

/// <summary>One thing wrong with a scenario: where (a JSON path, and the line when known) and what.</summary>
[GenerateSerializer, Immutable]
public sealed record ScenarioProblem(string Path, int? Line, string Message)
{
    public override string ToString() => Line is { } line ? $"line {line}, {Path}: {Message}" : $"{Path}: {Message}";
}
