using System.Text;
using System.Text.Json;
using OrleansGossip.Abstractions.Reports;
using OrleansGossip.Abstractions.Scenarios;

namespace OrleansGossip.Silo.Reports;

/// <summary>Writes a run's report into its output folder: JSON for tools, CSV for spreadsheets, HTML for people.</summary>
public static class ReportWriter
{
    public const string JsonFileName = "report.json";
    public const string CsvFileName = "artifacts.csv";
    public const string HtmlFileName = "report.html";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <c>report.json</c>, <c>artifacts.csv</c> and <c>report.html</c>; returns the files written.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(RunReport report, IReadOnlyList<ArtifactRow> rows, string directory, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        var json = Path.Combine(directory, JsonFileName);
        await using (var stream = File.Create(json))
        {
            await JsonSerializer.SerializeAsync(stream, report, ScenarioLoader.JsonOptions, cancellationToken);
        }

        var csv = Path.Combine(directory, CsvFileName);
        await using (var writer = new StreamWriter(csv, append: false, Utf8))
        {
            await ArtifactCsvWriter.WriteAsync(writer, rows, cancellationToken);
        }

        var html = Path.Combine(directory, HtmlFileName);
        await File.WriteAllTextAsync(html, RunHtmlWriter.Render(report, rows), Utf8, cancellationToken);
        return [json, csv, html];
    }
}
