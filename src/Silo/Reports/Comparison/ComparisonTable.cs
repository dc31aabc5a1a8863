using OrleansGossip.Abstractions.Reports;
using Spectre.Console;

namespace OrleansGossip.Silo.Reports.Comparison;

/// <summary>The comparison on the console: per subnet and kind, a row per protocol, then each run's deliveries and how the machine ran it.</summary>
public static class ComparisonTable
{
    public static void Write(IAnsiConsole console, ComparisonReport comparison)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"{comparison.Scenario} · {string.Join(" vs ", comparison.Protocols)} · seed {comparison.Seed} · {ReportFormat.Pace(comparison.TimeScale)}");
        foreach (var column in new[] { "subnet", "kind", "protocol", "delivery", "p50 ms", "p90 ms", "p99 ms", "reach 2/3 p50", "duplicates", "KiB/dlv", "adverts/dlv", "requests/dlv" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (var subnet in comparison.Subnets)
        {
            foreach (var kind in subnet.Kinds)
            {
                var first = true;
                foreach (var (protocol, f) in kind.Protocols)
                {
                    table.AddRow(
                        first ? Markup.Escape(subnet.Subnet) : "",
                        first ? Markup.Escape(kind.Kind) : "",
                        Markup.Escape(protocol),
                        ReportFormat.Share(f.DeliveryRatio),
                        ReportFormat.Ms(f.LatencyP50Ms),
                        ReportFormat.Ms(f.LatencyP90Ms),
                        ReportFormat.Ms(f.LatencyP99Ms),
                        ReportFormat.Ms(f.Reach67P50Ms),
                        ReportFormat.Ratio(f.DuplicateRatio),
                        ReportFormat.KiB(f.BodyBytesPerDelivery / 1024),
                        ReportFormat.Ratio(f.AdvertsPerDelivery),
                        ReportFormat.Ratio(f.RequestsPerDelivery));
                    first = false;
                }
            }

            if (!ReferenceEquals(subnet, comparison.Subnets[^1]))
            {
                table.AddEmptyRow();
            }
        }

        console.Write(table);
        foreach (var run in comparison.Runs)
        {
            console.MarkupLine($"{Markup.Escape(run.Protocol)}: {ReportFormat.Count(run.Emulator.Deliveries)} deliveries in {ReportFormat.WallSeconds(run.Host.WallSeconds)} wall s ({ReportFormat.Number(run.Host.DeliveriesPerSecond, "N0")}/s), slowdown {ReportFormat.Slowdown(run.Host.Slowdown)}");
            if (run.Emulator.NodesRestored)
            {
                console.MarkupLine($"[yellow]Warning ({Markup.Escape(run.Protocol)}):[/] {Markup.Escape(EmulatorReport.NodesRestoredWarning)}");
            }
        }
    }
}
