using OrleansGossip.Abstractions.Reports;

namespace OrleansGossip.Silo.Reports.Comparison;

/// <summary>Which run a protocol's figures come from, where its own report is (relative to the comparison) and how the emulator kept up.</summary>
public sealed record ComparedRun(string Protocol, string RunId, string Folder, EmulatorReport Emulator);
