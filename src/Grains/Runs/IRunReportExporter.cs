using OrleansGossip.Abstractions.Reports;

namespace OrleansGossip.Grains.Runs;

/// <summary>
/// Somewhere a completed run's report goes besides the run's record, e.g. a blob container. A silo may register any
/// number; the run calls each once when it completes, and logs a failure without failing the run.
/// </summary>
public interface IRunReportExporter
{
    Task ExportAsync(RunReport report, IReadOnlyList<ArtifactRow> rows, CancellationToken cancellationToken = default);
}
