using System.Globalization;
using OrleansGossip.Abstractions.Reports;
using OrleansGossip.Silo.Reports.Html;
using OrleansGossip.Silo.Reports.Plots;

namespace OrleansGossip.Silo.Reports.Comparison;

/// <summary>
/// <c>comparison.html</c>: the protocols' headline figures side by side, then per subnet the duplicate ratio and
/// adverts per delivery as bars, finalization when there is consensus, and per kind the latency distribution and
/// coverage, one series (one colour) per protocol throughout.
/// </summary>
public static class ComparisonHtmlWriter
{
    public static string Render(ComparisonReport comparison, IReadOnlyList<ProtocolRun> runs)
    {
        var versus = string.Join(" vs ", comparison.Protocols);
        var page = new HtmlPage($"{comparison.Scenario}: {versus} — OrleansGossip comparison");
        page.Heading(1, $"{comparison.Scenario}: {versus}");
        page.Paragraph(string.Create(CultureInfo.InvariantCulture,
            $"The same scenario and seed under each protocol · seed {comparison.Seed} · {ReportFormat.Pace(comparison.TimeScale)} · {comparison.DurationSeconds:0.###} emulated s"), "meta");
        foreach (var run in comparison.Runs.Where(r => r.Emulator.NodesRestored))
        {
            page.Warning($"A node lost its state during the {run.Protocol} run.", EmulatorReport.NodesRestoredWarning);
        }

        page.Links(comparison.Runs.Select(r => ($"{r.Folder}/{ReportWriter.HtmlFileName}", $"{r.Protocol} report")));
        page.Heading(2, "Headline figures");
        page.Table(
            ["subnet", "kind", "protocol", "artifacts", "delivery", "latency p50", "p90", "p99", "reach 2/3 p50", "duplicates", "KiB/delivery", "adverts/dlv", "requests/dlv"],
            comparison.Subnets.SelectMany(s => s.Kinds.SelectMany(k => k.Protocols.Select(p => (IReadOnlyList<string>)
            [
                s.Subnet, k.Kind, p.Key, ReportFormat.Count(p.Value.Artifacts), ReportFormat.Share(p.Value.DeliveryRatio),
                ReportFormat.Ms(p.Value.LatencyP50Ms), ReportFormat.Ms(p.Value.LatencyP90Ms), ReportFormat.Ms(p.Value.LatencyP99Ms), ReportFormat.Ms(p.Value.Reach67P50Ms),
                ReportFormat.Ratio(p.Value.DuplicateRatio), ReportFormat.KiB(p.Value.BodyBytesPerDelivery / 1024),
                ReportFormat.Ratio(p.Value.AdvertsPerDelivery), ReportFormat.Ratio(p.Value.RequestsPerDelivery),
            ]))));

        var consensus = comparison.Subnets.Where(s => s.Consensus is not null).ToList();
        if (consensus.Count > 0)
        {
            page.Heading(3, "Consensus");
            page.Table(
                ["subnet", "protocol", "finalized height", "heights/s", "proposal→finalization p50 ms", "p90"],
                consensus.SelectMany(s => s.Consensus!.Select(c => (IReadOnlyList<string>)
                [
                    s.Subnet, c.Key, ReportFormat.Count(c.Value.FinalizedHeight), ReportFormat.Number(c.Value.FinalizationRatePerSecond, "F2"),
                    ReportFormat.Ms(c.Value.ProposalToFinalizationP50Ms), ReportFormat.Ms(c.Value.ProposalToFinalizationP90Ms),
                ])));
        }

        page.Heading(3, "Emulator and host");
        page.Paragraph("The emulator's figures are the same for the same scenario, seed and protocol; the host's (wall time, deliveries per wall second, slowdown: wall seconds per emulated second) are how this machine ran each run.");
        page.Table(
            ["protocol", "run", "deliveries", "window (emulated ms)", "windows", "wall s", "deliveries / wall s", "slowdown"],
            comparison.Runs.Select(r => (IReadOnlyList<string>)
            [
                r.Protocol, r.RunId, ReportFormat.Count(r.Emulator.Deliveries), ReportFormat.Number(r.Emulator.WindowMs, "0.###"), ReportFormat.Count(r.Emulator.Windows),
                ReportFormat.WallSeconds(r.Host.WallSeconds), ReportFormat.Number(r.Host.DeliveriesPerSecond, "N0"), ReportFormat.Slowdown(r.Host.Slowdown),
            ]));

        var faults = runs[0].Report.Faults;
        if (faults.Count > 0)
        {
            page.Heading(3, "Faults");
            page.Table(["at (s)", "kind", "subnet", "what"], faults.Select(f => (IReadOnlyList<string>)[ReportFormat.Number(f.AtSeconds, "0.###"), f.Kind, f.Subnet, f.Description]));
        }

        foreach (var subnet in comparison.Subnets)
        {
            page.Heading(2, $"Subnet {subnet.Subnet}");
            page.Figures(Overview(comparison, subnet, runs, ReportPlots.FaultMarkers(faults, subnet.Subnet)));
            foreach (var kind in subnet.Kinds)
            {
                page.Heading(3, kind.Kind);
                page.Figures(KindFigures(kind.Kind, subnet.Subnet, runs));
            }
        }

        return page.ToString();
    }

    /// <summary>Bars of the duplicate ratio and adverts per delivery across kinds and, with consensus, finalization over the run.</summary>
    private static IEnumerable<(string Svg, string? Caption)> Overview(ComparisonReport comparison, SubnetComparison subnet, IReadOnlyList<ProtocolRun> runs, IReadOnlyList<PlotMarker> faults)
    {
        var kinds = subnet.Kinds.Select(k => k.Kind).ToList();
        var duplicates = new BarPlot("Duplicate ratio per kind", "body bytes / minimum", kinds) { Reference = (1, "minimum (1 body/node)") };
        var adverts = new BarPlot("Adverts per delivery", "adverts received / delivery", kinds);
        foreach (var protocol in comparison.Protocols)
        {
            duplicates.Add(protocol, subnet.Kinds.Select(k => k.Protocols.TryGetValue(protocol, out var f) ? f.DuplicateRatio : (double?)null).ToList());
            adverts.Add(protocol, subnet.Kinds.Select(k => k.Protocols.TryGetValue(protocol, out var f) ? f.AdvertsPerDelivery : (double?)null).ToList());
        }

        yield return (duplicates.ToSvg(), "Body bytes received over one body per receiving node, per protocol: 1 is the least possible.");
        yield return (adverts.ToSvg(), "Adverts each delivery cost; a protocol that sends bodies unasked sends none.");
        if (subnet.Consensus is not null)
        {
            var timelines = runs.Select(r => (r.Protocol, (IReadOnlyList<HeightPoint>)(SubnetOf(r, subnet.Subnet)?.Consensus?.Timeline ?? []))).ToList();
            yield return (ReportPlots.Finalization("Finalized height", timelines, comparison.DurationSeconds, faults).ToSvg(),
                "The median honest node's finalized height over the run, per protocol; dashed lines are faults.");
        }
    }

    /// <summary>One kind's latency distribution and coverage, a series per protocol (a protocol without the kind draws none).</summary>
    private static IEnumerable<(string Svg, string? Caption)> KindFigures(string kind, string subnet, IReadOnlyList<ProtocolRun> runs)
    {
        var rows = runs.Select(r => (r.Protocol, (IReadOnlyList<ArtifactRow>)r.Rows.Where(a => a.Subnet == subnet && a.Kind == kind).ToList())).ToList();
        yield return (ReportPlots.LatencyCdf($"{kind}: latency distribution (reach 100%)", rows).ToSvg(),
            "Share of artifacts that had reached every honest node within a time since creation.");
        var coverage = runs.Select(r => (r.Protocol, SubnetOf(r, subnet)?.Kinds.FirstOrDefault(k => k.Kind == kind)?.Coverage ?? [])).ToList();
        yield return (ReportPlots.Coverage($"{kind}: coverage over time since creation", coverage).ToSvg(),
            "Mean share of honest nodes holding an artifact, against time since it was made.");
    }

    private static SubnetReport? SubnetOf(ProtocolRun run, string subnet) => run.Report.Subnets.FirstOrDefault(s => s.Subnet == subnet);
}
