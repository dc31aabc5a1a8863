using System.Text.Json;
using OrleansGossip.Abstractions.Reports;
using OrleansGossip.Abstractions.Scenarios;

namespace OrleansGossip.Silo.Reports;

/// <summary>Writes a run's report into its output folder.</summary>
public static class ReportWriter
{
    public const string JsonFileName = "report.json";

    /// <summary>Writes <c>report.json</c>; returns the files written.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(RunReport report, string directory, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        var json = Path.Combine(directory, JsonFileName);
        await using (var stream = File.Create(json))
        {
            await JsonSerializer.SerializeAsync(stream, report, ScenarioLoader.JsonOptions, cancellationToken);
        }

        return [json];
    }
}
