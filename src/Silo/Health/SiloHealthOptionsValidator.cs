using Microsoft.Extensions.Options;

namespace OrleansGossip.Silo.Health;

/// <summary>Names the bad <c>Health</c> setting at start-up.</summary>
public sealed class SiloHealthOptionsValidator : IValidateOptions<SiloHealthOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloHealthOptions options)
    {
        var problems = new List<string>();
        if (options.Port is < 0 or > 65_535)
        {
            problems.Add($"{SiloHealthOptions.SectionName}:{nameof(SiloHealthOptions.Port)} must be between 0 (off) and 65535, not {options.Port}");
        }

        CheckPath(problems, nameof(SiloHealthOptions.LivePath), options.LivePath);
        CheckPath(problems, nameof(SiloHealthOptions.ReadyPath), options.ReadyPath);
        if (string.Equals(options.LivePath, options.ReadyPath, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{SiloHealthOptions.SectionName}:{nameof(SiloHealthOptions.LivePath)} and {nameof(SiloHealthOptions.ReadyPath)} must differ, both are '{options.LivePath}'");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void CheckPath(List<string> problems, string setting, string? path)
    {
        if (string.IsNullOrWhiteSpace(path) || !path.StartsWith('/') || path.Contains('?') || path.Contains('#'))
        {
            problems.Add($"{SiloHealthOptions.SectionName}:{setting} must be a path starting with '/', not '{path}'");
        }
    }
}
