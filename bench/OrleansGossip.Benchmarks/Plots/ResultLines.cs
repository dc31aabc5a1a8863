using System.Text.Json;

namespace OrleansGossip.Benchmarks.Plots;

/// <summary>One benchmark result: the JSON object a mode wrote as its last line, and where it was read.</summary>
public sealed record ResultLine(string File, int Line, JsonElement Json)
{
    public string Mode => Json.GetProperty("mode").GetString()!;

    /// <summary>Where the result came from, for messages: <c>file:line</c>.</summary>
    public string Where => $"{File}:{Line}";

    public double Number(string name) => Required(Json, name, name, JsonValueKind.Number).GetDouble();

    /// <summary>A number of an object inside the result (a case of <paramref name="array"/>).</summary>
    public double Number(JsonElement item, string array, string name) => Required(item, name, $"{array}[].{name}", JsonValueKind.Number).GetDouble();

    public bool Flag(string name) => Required(Json, name, name, JsonValueKind.True, JsonValueKind.False).GetBoolean();

    public string Text(string name) => Required(Json, name, name, JsonValueKind.String).GetString()!;

    /// <summary>A string of an object inside the result (a row of <paramref name="array"/>).</summary>
    public string Text(JsonElement item, string array, string name) => Required(item, name, $"{array}[].{name}", JsonValueKind.String).GetString()!;

    /// <summary>A number the result may carry, or null.</summary>
    public double? OptionalNumber(string name) => OptionalNumber(Json, name);

    /// <summary>A number inside an object property (<c>runtime.gcPauseShare</c>), or null when either is absent.</summary>
    public double? OptionalNumber(string parent, string name) =>
        Json.TryGetProperty(parent, out var inner) ? OptionalNumber(inner, name) : null;

    /// <summary>A string inside an object property (<c>machine.collector</c>), or null when either is absent.</summary>
    public string? OptionalText(string parent, string name) =>
        Json.TryGetProperty(parent, out var inner) ? Optional(inner, name, JsonValueKind.String)?.GetString() : null;

    private static double? OptionalNumber(JsonElement parent, string name) => Optional(parent, name, JsonValueKind.Number)?.GetDouble();

    /// <summary>The property <paramref name="name"/> of <paramref name="parent"/> when it is there and of <paramref name="kind"/>.</summary>
    private static JsonElement? Optional(JsonElement parent, string name, JsonValueKind kind) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == kind ? value : null;

    public IEnumerable<JsonElement> Array(string name) => Required(Json, name, name, JsonValueKind.Array).EnumerateArray();

    /// <summary>The property <paramref name="name"/> of <paramref name="parent"/>, of one of <paramref name="kinds"/>; <paramref name="path"/> names it in the message.</summary>
    private JsonElement Required(JsonElement parent, string name, string path, params JsonValueKind[] kinds)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value) || !kinds.Contains(value.ValueKind))
        {
            throw new ResultFormatException($"{Where}: a {Mode} result needs \"{path}\" ({string.Join(" or ", kinds).ToLowerInvariant()})");
        }

        return value;
    }
}

/// <summary>A result file or line that cannot be read; the message says which file and line, and what is wrong.</summary>
public sealed class ResultFormatException(string message) : Exception(message);

/// <summary>
/// Reads benchmark results from files: the JSON objects each mode writes as its last line, saved one per line (a
/// whole console log will do too: lines that do not start with <c>{</c>, the progress lines, are passed over).
/// </summary>
public static class ResultLines
{
    public static IReadOnlyList<ResultLine> Read(string path, TextReader reader)
    {
        var results = new List<ResultLine>();
        var number = 0;
        while (reader.ReadLine() is { } text)
        {
            number++;
            var trimmed = text.Trim();
            if (!trimmed.StartsWith('{'))
            {
                continue;
            }

            JsonElement json;
            try
            {
                using var document = JsonDocument.Parse(trimmed);
                json = document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new ResultFormatException($"{path}:{number}: not a JSON object: {e.Message}");
            }

            if (!json.TryGetProperty("mode", out var mode) || mode.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(mode.GetString()))
            {
                throw new ResultFormatException($"{path}:{number}: a result needs a \"mode\" (a string such as \"throughput\")");
            }

            results.Add(new ResultLine(path, number, json));
        }

        return results;
    }

    public static IReadOnlyList<ResultLine> Read(string path)
    {
        using var reader = File.OpenText(path);
        return Read(path, reader);
    }
}
