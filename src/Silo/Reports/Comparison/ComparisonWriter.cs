using System.Text;
using System.Text.Json;
using OrleansGossip.Abstractions.Scenarios;

namespace OrleansGossip.Silo.Reports.Comparison;

/// <summary>Writes <c>comparison.json</c> and <c>comparison.html</c> next to the protocols' own folders.</summary>
public static class ComparisonWriter
{
    public const string JsonFileName = "comparison.json";
    public const string HtmlFileName = "comparison.html";

    public static async Task<IReadOnlyList<string>> WriteAsync(ComparisonReport comparison, IReadOnlyList<ProtocolRun> runs, string directory, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        var json = Path.Combine(directory, JsonFileName);
        await using (var stream = File.Create(json))
        {
            await JsonSerializer.SerializeAsync(stream, comparison, ScenarioLoader.JsonOptions, cancellationToken);
        }

        var html = Path.Combine(directory, HtmlFileName);
        await File.WriteAllTextAsync(html, ComparisonHtmlWriter.Render(comparison, runs), new UTF8Encoding(false), cancellationToken);
        return [json, html];
    }
}
