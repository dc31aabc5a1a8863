using OrleansGossip.Abstractions.Reports;

namespace OrleansGossip.Silo.Reports.Comparison;

/// <summary>
/// Which run a protocol's figures come from, where its own report is (relative to the comparison), the emulator's
/// figures of the run and how the machine ran it (<see cref="RunReport.Host"/>).
/// </summary>
public sealed record ComparedRun(string Protocol, string RunId, string Folder, EmulatorReport Emulator, HostReport Host);
