using System.Text.Json;

namespace OrleansGossip.Deploy.Tests;

/// <summary>A Dockerfile read into its stages and instructions (comments dropped, continued lines joined).</summary>
public sealed record Dockerfile(IReadOnlyList<Dockerfile.Stage> Stages)
{
    public sealed record Instruction(string Keyword, string Arguments);

    public sealed record Stage(string Image, string? Name, IReadOnlyList<Instruction> Instructions)
    {
        public IEnumerable<Instruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);

        /// <summary>The arguments of the last instruction of this kind, or null.</summary>
        public string? Last(string keyword) => All(keyword).LastOrDefault()?.Arguments;
    }

    public static Dockerfile Parse(string path)
    {
        var logical = new List<string>();
        var current = "";
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && current.Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                current += line[..^1] + " ";
                continue;
            }

            logical.Add((current + line).Trim());
            current = "";
        }

        var stages = new List<Stage>();
        foreach (var line in logical.Where(l => l.Length > 0))
        {
            var split = line.IndexOf(' ', StringComparison.Ordinal);
            var keyword = (split < 0 ? line : line[..split]).ToUpperInvariant();
            var arguments = split < 0 ? "" : line[(split + 1)..].Trim();
            if (keyword == "FROM")
            {
                var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToArray();
                var name = words.Length == 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
                stages.Add(new Stage(words[0], name, []));
                continue;
            }

            if (stages.Count == 0)
            {
                throw new FormatException($"{path}: {keyword} before the first FROM");
            }

            stages[^1] = stages[^1] with { Instructions = [.. stages[^1].Instructions, new Instruction(keyword, arguments)] };
        }

        return new Dockerfile(stages);
    }

    /// <summary>An exec-form (JSON array) ENTRYPOINT or CMD; null for the shell form.</summary>
    public static IReadOnlyList<string>? ExecForm(string? arguments)
    {
        if (arguments is null || !arguments.StartsWith('['))
        {
            return null;
        }

        return JsonSerializer.Deserialize<List<string>>(arguments);
    }
}
