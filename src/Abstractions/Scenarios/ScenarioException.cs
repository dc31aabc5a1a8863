namespace OrleansGossip.Abstractions.Scenarios;

/// <summary>A scenario was refused before anything started; <see cref="Problems"/> says each thing wrong and where.</summary>
[GenerateSerializer]
public sealed class ScenarioException : Exception
{
    public ScenarioException()
        : this(null, [])
    {
    }

    public ScenarioException(string message)
        : this(null, [new ScenarioProblem("$", null, message)])
    {
    }

    public ScenarioException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [new ScenarioProblem("$", null, message)];
    }

    public ScenarioException(string? source, IReadOnlyList<ScenarioProblem> problems)
        : base(Describe(source, problems))
    {
        Source = source;
        Problems = problems;
    }

    /// <summary>The file the scenario came from, when it came from one.</summary>
    [Id(0)] public new string? Source { get; init; }

    [Id(1)] public IReadOnlyList<ScenarioProblem> Problems { get; init; }

    private static string Describe(string? source, IReadOnlyList<ScenarioProblem> problems)
    {
        var where = source is null ? "scenario" : source;
        return problems.Count switch
        {
            0 => $"{where}: invalid scenario",
            1 => $"{where}: {problems[0]}",
            _ => $"{where}: {problems.Count} problems:{Environment.NewLine}" +
                 string.Join(Environment.NewLine, problems.Select(p => $"  {p}")),
        };
    }
}
