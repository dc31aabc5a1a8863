using System.Text;
using System.Text.Json;
using OrleansGossip.Abstractions.Reports;
using OrleansGossip.Abstractions.Scenarios;

namespace OrleansGossip.Silo.Reports;

/// <summary>Renders a run's report: JSON for tools, CSV for spreadsheets, HTML for people; into a folder or for an upload.</summary>
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
        var written = new List<string>();
        foreach (var file in await RenderAsync(report, rows, cancellationToken))
        {
            var path = Path.Combine(directory, file.Name);
            await File.WriteAllBytesAsync(path, file.Content, cancellationToken);
            written.Add(path);
        }

        return written;
    }

    /// <summary>The three files of the report, in memory.</summary>
    public static async Task<IReadOnlyList<ReportFile>> RenderAsync(RunReport report, IReadOnlyList<ArtifactRow> rows, CancellationToken cancellationToken = default)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(report, ScenarioLoader.JsonOptions);

        using var csv = new MemoryStream();
        await using (var writer = new StreamWriter(csv, Utf8, leaveOpen: true))
        {
            await ArtifactCsvWriter.WriteAsync(writer, rows, cancellationToken);
        }

        return
        [
            new ReportFile(JsonFileName, "application/json", json),
            new ReportFile(CsvFileName, "text/csv; charset=utf-8", csv.ToArray()),
            new ReportFile(HtmlFileName, "text/html; charset=utf-8", Utf8.GetBytes(RunHtmlWriter.Render(report, rows))),
        ];
    }
}
