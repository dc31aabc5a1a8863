namespace OrleansGossip.Silo.Reports;

/// <summary>One file of a run's report, rendered: its name, its media type and its bytes.</summary>
public sealed record ReportFile(string Name, string ContentType, byte[] Content);
