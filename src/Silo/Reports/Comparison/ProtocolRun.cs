using OrleansGossip.Abstractions.Reports;

namespace OrleansGossip.Silo.Reports.Comparison;

/// <summary>One protocol's run of the compared scenario: its report, its artifact rows and the folder its files went to.</summary>
public sealed record ProtocolRun(string Protocol, RunReport Report, IReadOnlyList<ArtifactRow> Rows, string Folder);
