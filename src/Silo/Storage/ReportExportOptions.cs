namespace OrleansGossip.Silo.Storage;

/// <summary>
/// Where the silos upload each completed run's report: the configuration section <c>ReportExport</c>. Without a
/// connection string nothing is uploaded. Files go to <c>&lt;container&gt;/runs/&lt;run id&gt;/report.json</c>,
/// <c>artifacts.csv</c> and <c>report.html</c>.
/// </summary>
public sealed class ReportExportOptions
{
    public const string SectionName = "ReportExport";

    /// <summary>The storage account's connection string; unset: no export.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The container, created when missing.</summary>
    public string ContainerName { get; set; } = "reports";
}
