using System.Globalization;
using OrleansGossip.Abstractions.Reports;
using Spectre.Console;

namespace OrleansGossip.Silo.Reports;

/// <summary>
/// The report's headline figures as a table on the console, then the emulator's (the same for the same scenario and
/// seed) and the host's (how this machine ran it).
/// </summary>
public static class SummaryTable
{
    public static void Write(IAnsiConsole console, RunReport report)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"{report.Scenario} · {report.Protocol} · seed {report.Seed} · {ReportFormat.Pace(report.Host.TimeScale)}");
        foreach (var column in new[] { "subnet", "kind", "artifacts", "delivery", "p50 ms", "p90 ms", "p99 ms", "reach 2/3 p50", "duplicates", "adverts/dlv", "requests/dlv" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (var subnet in report.Subnets)
        {
            foreach (var kind in subnet.Kinds)
            {
                table.AddRow(
                    subnet.Subnet,
                    kind.Kind,
                    kind.Artifacts.ToString(CultureInfo.InvariantCulture),
                    kind.DeliveryRatio.ToString("P1", CultureInfo.InvariantCulture),
                    F(kind.LatencyMs.P50),
                    F(kind.LatencyMs.P90),
                    F(kind.LatencyMs.P99),
                    F(kind.Reach67Ms.P50),
                    F(kind.DuplicateRatio, "F2"),
                    F(kind.AdvertsPerDelivery, "F2"),
                    F(kind.RequestsPerDelivery, "F2"));
            }
        }

        console.Write(table);
        var emulator = report.Emulator;
        console.MarkupLine(CultureInfo.InvariantCulture, "Emulator: {0:N0} deliveries, window {1} emulated ms, {2:N0} windows",
            emulator.Deliveries, F(emulator.WindowMs, "0.###"), emulator.Windows);
        console.WriteLine(HostLine(report.Host));
        if (emulator.NodesRestored)
        {
            console.MarkupLine("[yellow]Warning:[/] " + Markup.Escape(EmulatorReport.NodesRestoredWarning));
        }

        if (report.StoppedNote() is { } stopped)
        {
            console.MarkupLine("[yellow]Warning:[/] " + Markup.Escape(stopped));
        }
    }

    /// <summary>
    /// The report's <c>host</c> block on a line: the pace it was given, wall time, deliveries per wall second and
    /// slowdown (wall seconds per emulated second), then the silos and the machine when the report names them.
    /// </summary>
    public static string HostLine(HostReport host)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"Host: {ReportFormat.Pace(host.TimeScale)}, {ReportFormat.WallSeconds(host.WallSeconds)} wall s, {host.DeliveriesPerSecond:N0} deliveries / wall s, slowdown {ReportFormat.Slowdown(host.Slowdown)} wall s / emulated s");
        var where = new[]
        {
            host.Silos > 0 ? string.Create(CultureInfo.InvariantCulture, $"{host.Silos} {(host.Silos == 1 ? "silo" : "silos")}") : null,
            string.IsNullOrEmpty(host.Machine) ? null : host.Machine,
        }.OfType<string>().ToList();
        return where.Count == 0 ? line : $"{line} ({string.Join(", ", where)})";
    }

    private static string F(double? value, string format = "F1") =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "–";
}
