using System.Globalization;
using OrleansGossip.Abstractions.Reports;
using Spectre.Console;

namespace OrleansGossip.Silo.Reports;

/// <summary>The report's headline figures as a table on the console.</summary>
public static class SummaryTable
{
    public static void Write(IAnsiConsole console, RunReport report)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"{report.Scenario} · {report.Protocol} · seed {report.Seed} · timeScale {F(report.TimeScale)}");
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
        console.MarkupLine(CultureInfo.InvariantCulture, "Emulator: {0:N0} deliveries in {1:F1} wall s ({2:N0}/s), delivery lag p99 {3:F2} ms",
            emulator.Deliveries, emulator.WallSeconds, emulator.DeliveriesPerSecond, emulator.LagMsP99);
        if (emulator.PausesExcludedNote() is { } pauses)
        {
            console.WriteLine(pauses);
        }

        if (emulator.LateSlicesNote() is { } late)
        {
            console.WriteLine(late);
        }

        if (emulator.Warning is { } warning)
        {
            console.MarkupLine("[yellow]Warning:[/] " + Markup.Escape(warning));
        }

        if (emulator.NodesRestored)
        {
            console.MarkupLine("[yellow]Warning:[/] " + Markup.Escape(EmulatorReport.NodesRestoredWarning));
        }

        if (report.StoppedNote() is { } stopped)
        {
            console.MarkupLine("[yellow]Warning:[/] " + Markup.Escape(stopped));
        }
    }

    private static string F(double? value, string format = "F1") =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "–";
}
