using System.Globalization;
using OrleansGossip.Abstractions.Reports;
using OrleansGossip.Silo.Reports.Html;
using OrleansGossip.Silo.Reports.Plots;

namespace OrleansGossip.Silo.Reports;

/// <summary>
/// A run's <c>report.html</c>: the headline figures, the emulator's own (deliveries, its window) and the host's (how the
/// machine ran it: wall time, deliveries per wall second, slowdown) as tables, then per subnet the latency distribution,
/// coverage over time, latency over run time and, with consensus, finalization, faults marked on the run-time axes,
/// and bars of duplicates and messages per delivery.
/// </summary>
public static class RunHtmlWriter
{
    public static string Render(RunReport report, IReadOnlyList<ArtifactRow> rows)
    {
        var page = new HtmlPage($"{report.Scenario} · {report.Protocol} — OrleansGossip report");
        page.Heading(1, $"{report.Scenario} · {report.Protocol}");
        page.Paragraph(string.Create(CultureInfo.InvariantCulture,
            $"Run {report.RunId} · seed {report.Seed} · {ReportFormat.Pace(report.Host.TimeScale)} · {report.DurationSeconds:0.###} emulated s · priorities {(report.Priorities ? "on" : "off")}"), "meta");
        if (report.Emulator.NodesRestored)
        {
            page.Warning("A node lost its state during the run.", EmulatorReport.NodesRestoredWarning);
        }

        if (report.StoppedNote() is { } stopped)
        {
            page.Warning("The run was stopped before its end.", stopped);
        }

        page.Heading(2, "Headline figures");
        page.Paragraph("Times are emulated milliseconds from an artifact's creation; percentiles are across artifacts. Reach counts honest nodes, the creator included; the duplicate ratio is body bytes received over one body per receiving node.");
        page.Table(
            ["subnet", "kind", "artifacts", "delivery", "latency p50", "p90", "p99", "max", "reach 50% p50", "reach 2/3 p50", "reach 90% p50", "duplicates", "KiB/delivery", "adverts/dlv", "requests/dlv", "timeouts", "rejected"],
            report.Subnets.SelectMany(s => s.Kinds.Select(k => (IReadOnlyList<string>)
            [
                s.Subnet, k.Kind, ReportFormat.Count(k.Artifacts), ReportFormat.Share(k.DeliveryRatio),
                ReportFormat.Ms(k.LatencyMs.P50), ReportFormat.Ms(k.LatencyMs.P90), ReportFormat.Ms(k.LatencyMs.P99), ReportFormat.Ms(k.LatencyMs.Max),
                ReportFormat.Ms(k.Reach50Ms.P50), ReportFormat.Ms(k.Reach67Ms.P50), ReportFormat.Ms(k.Reach90Ms.P50),
                ReportFormat.Ratio(k.DuplicateRatio), ReportFormat.KiB(ReportFormat.KiBPerDelivery(k)),
                ReportFormat.Ratio(k.AdvertsPerDelivery), ReportFormat.Ratio(k.RequestsPerDelivery),
                ReportFormat.Count(k.FetchTimeouts), ReportFormat.Count(k.Rejected),
            ])));

        var consensus = report.Subnets.Where(s => s.Consensus is not null).ToList();
        if (consensus.Count > 0)
        {
            page.Heading(3, "Consensus");
            page.Table(
                ["subnet", "finalized height", "heights/s", "proposal→finalization p50 ms", "p90", "p99"],
                consensus.Select(s => (IReadOnlyList<string>)
                [
                    s.Subnet, ReportFormat.Count(s.Consensus!.FinalizedHeight), ReportFormat.Number(s.Consensus.FinalizationRatePerSecond, "F2"),
                    ReportFormat.Ms(s.Consensus.ProposalToFinalizationMs.P50), ReportFormat.Ms(s.Consensus.ProposalToFinalizationMs.P90), ReportFormat.Ms(s.Consensus.ProposalToFinalizationMs.P99),
                ]));
        }

        page.Heading(3, "Emulator");
        page.Paragraph("The emulated network as a whole, the same for the same scenario and seed. Each subnet advances a window at a time, its lookahead (the smallest one-way delay a message can have): the window is the smallest of them, the windows those the subnets took, summed.");
        var emulator = report.Emulator;
        page.Table(
            ["deliveries", "window (emulated ms)", "windows"],
            [[ReportFormat.Count(emulator.Deliveries), ReportFormat.Number(emulator.WindowMs, "0.###"), ReportFormat.Count(emulator.Windows)]]);

        page.Heading(3, "Host");
        page.Paragraph("How this machine ran the run, the one part of the report that depends on the machine: the pace is the time scale it was given (wall seconds per emulated second at the least), the slowdown the wall seconds each emulated second took, the pace when the machine kept it.");
        var host = report.Host;
        page.Table(
            ["pace", "wall s", "deliveries / wall s", "slowdown (wall s / emulated s)", "silos", "machine"],
            [[host.TimeScale > 0 ? ReportFormat.Number(host.TimeScale, "0.###") : "unpaced", ReportFormat.WallSeconds(host.WallSeconds), ReportFormat.Number(host.DeliveriesPerSecond, "N0"), ReportFormat.Slowdown(host.Slowdown),
                host.Silos > 0 ? ReportFormat.Count(host.Silos) : ReportFormat.None, string.IsNullOrEmpty(host.Machine) ? ReportFormat.None : host.Machine]]);

        if (report.Faults.Count > 0)
        {
            page.Heading(3, "Faults");
            page.Table(
                ["at (s)", "kind", "subnet", "what"],
                report.Faults.Select(f => (IReadOnlyList<string>)[ReportFormat.Number(f.AtSeconds, "0.###"), f.Kind, f.Subnet, f.Description]));
        }

        foreach (var subnet in report.Subnets)
        {
            page.Heading(2, $"Subnet {subnet.Subnet}: {subnet.Nodes} nodes, {subnet.HonestNodes} honest");
            page.Figures(Figures(report, subnet, rows.Where(r => r.Subnet == subnet.Subnet).ToList()));
        }

        return page.ToString();
    }

    private static IEnumerable<(string Svg, string? Caption)> Figures(RunReport report, SubnetReport subnet, IReadOnlyList<ArtifactRow> rows)
    {
        var byKind = subnet.Kinds.Select(k => (k.Kind, (IReadOnlyList<ArtifactRow>)rows.Where(r => r.Kind == k.Kind).ToList())).ToList();
        var faults = ReportPlots.FaultMarkers(report.Faults, subnet.Subnet);
        yield return (ReportPlots.LatencyCdf("Latency distribution: reach 100%", byKind).ToSvg(),
            "Share of a kind's artifacts that had reached every honest node within a time since creation; artifacts that never did keep the curve below 100%.");
        yield return (ReportPlots.Coverage("Coverage over time since creation", subnet.Kinds.Select(k => (k.Kind, k.Coverage))).ToSvg(),
            "Mean share of honest nodes holding a kind's artifacts, against time since each was made.");
        var unreached = rows.Count(r => r.Reach100Ms is null);
        yield return (ReportPlots.LatencyOverRunTime("Latency over run time", byKind, faults).ToSvg(),
            unreached == 0
                ? "Each artifact's time to reach every honest node, by when it was made; dashed lines are faults."
                : string.Create(CultureInfo.InvariantCulture, $"Each artifact's time to reach every honest node, by when it was made; dashed lines are faults. {unreached} artifacts that never reached every honest node are not drawn."));
        if (subnet.Consensus is { } consensus)
        {
            yield return (ReportPlots.Finalization("Finalized height", [("median honest node", consensus.Timeline)], report.DurationSeconds, faults).ToSvg(),
                "The median honest node's finalized height over the run; dashed lines are faults.");
        }

        var kinds = subnet.Kinds.Select(k => k.Kind).ToList();
        yield return (new BarPlot("Duplicate ratio per kind", "body bytes / minimum", kinds) { Reference = (1, "minimum (1 body/node)") }
                .Add(report.Protocol, subnet.Kinds.Select(k => (double?)k.DuplicateRatio).ToList()).ToSvg(),
            "Body bytes received over one body per receiving node: 1 is the least possible.");
        yield return (new BarPlot("Messages per delivery", "messages / delivery", kinds)
                .Add("adverts", subnet.Kinds.Select(k => (double?)k.AdvertsPerDelivery).ToList())
                .Add("requests", subnet.Kinds.Select(k => (double?)k.RequestsPerDelivery).ToList())
                .ToSvg(),
            "Adverts received and requests sent per delivery, across all nodes. Body KiB per delivery: " +
            string.Join(", ", subnet.Kinds.Select(k => $"{k.Kind} {ReportFormat.KiB(ReportFormat.KiBPerDelivery(k))}")) + ".");
    }
}
