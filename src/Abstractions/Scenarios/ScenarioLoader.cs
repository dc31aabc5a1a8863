using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansGossip.Abstractions.Scenarios;

/// <summary>Reads scenario files: strict JSON, every problem reported with its path and line, nothing half-read.</summary>
public static class ScenarioLoader
{
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static ScenarioSpec LoadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new ScenarioException(path, [new ScenarioProblem("$", null, "the file does not exist")]);
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses and validates a scenario; throws <see cref="ScenarioException"/> listing every problem.</summary>
    public static ScenarioSpec Parse(string json, string? source = null)
    {
        ScenarioSpec? scenario;
        try
        {
            scenario = JsonSerializer.Deserialize<ScenarioSpec>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            var line = e.LineNumber is { } zeroBased ? (int)zeroBased + 1 : (int?)null;
            throw new ScenarioException(source, [new ScenarioProblem(e.Path ?? "$", line, Explain(e))]);
        }

        if (scenario is null)
        {
            throw new ScenarioException(source, [new ScenarioProblem("$", 1, "the scenario is empty (null)")]);
        }

        var problems = ScenarioValidator.Validate(scenario);
        if (problems.Count > 0)
        {
            var lines = JsonLineMap.Build(json);
            throw new ScenarioException(source, problems.Select(p => p with { Line = lines.LineOf(p.Path) }).ToList());
        }

        return scenario;
    }

    private static string Explain(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
