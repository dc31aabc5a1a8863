using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using OrleansGossip.Abstractions.Reports;
using OrleansGossip.Grains.Runs;
using OrleansGossip.Silo.Reports;

namespace OrleansGossip.Silo.Storage;

/// <summary>Uploads a completed run's <c>report.json</c>, <c>artifacts.csv</c> and <c>report.html</c> to <c>runs/&lt;run id&gt;/</c> in a blob container.</summary>
public sealed partial class BlobReportExporter(BlobContainerClient container, ILogger<BlobReportExporter> logger) : IRunReportExporter
{
    /// <summary>The folder of a run's files in the container.</summary>
    public static string FolderOf(string runId) => $"runs/{Uri.EscapeDataString(runId)}/";

    public async Task ExportAsync(RunReport report, IReadOnlyList<ArtifactRow> rows, CancellationToken cancellationToken = default)
    {
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var folder = FolderOf(report.RunId);
        foreach (var file in await ReportWriter.RenderAsync(report, rows, cancellationToken))
        {
            await container.GetBlobClient(folder + file.Name).UploadAsync(
                BinaryData.FromBytes(file.Content),
                new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = file.ContentType } },
                cancellationToken);
        }

        LogExported(logger, report.RunId, container.Name, folder);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: report uploaded to container {Container}, {Folder}")]
    private static partial void LogExported(ILogger logger, string runId, string container, string folder);
}
