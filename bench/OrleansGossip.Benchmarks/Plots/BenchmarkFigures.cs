using System.Globalization;
using System.Text.Json;
using OrleansGossip.Silo.Reports.Plots;

namespace OrleansGossip.Benchmarks.Plots;

/// <summary>A figure drawn from benchmark results, saved as <c>{Name}.svg</c>.</summary>
public abstract record Figure(string Name, string Title)
{
    /// <summary>The plot as the run reports draw it, for a page to hold inline.</summary>
    public abstract string ToSvg();

    /// <summary>
    /// The plot as a file of its own, which a browser or a Markdown page shows as a picture: inline in a page, an
    /// SVG takes the page's namespace; alone, it must name it.
    /// </summary>
    public string ToSvgFile()
    {
        const string open = "<svg ";
        var svg = ToSvg();
        return svg.StartsWith(open, StringComparison.Ordinal) ? $"{open}xmlns=\"http://www.w3.org/2000/svg\" {svg[open.Length..]}" : svg;
    }
}

/// <summary>Series against a linear x axis.</summary>
public sealed record LineFigure(string Name, string Title, string XLabel, string YLabel, IReadOnlyList<PlotSeries> Series, bool YPercent = false)
    : Figure(Name, Title)
{
    public override string ToSvg()
    {
        var plot = new LinePlot(Title, XLabel, YLabel) { YPercent = YPercent };
        foreach (var series in Series)
        {
            plot.Add(series);
        }

        return plot.ToSvg();
    }
}

/// <summary>A group of bars per category, one bar per series; an optional dashed reference line.</summary>
public sealed record BarFigure(
    string Name,
    string Title,
    string YLabel,
    IReadOnlyList<string> Categories,
    IReadOnlyList<(string Name, IReadOnlyList<double?> Values)> Series,
    (double Y, string Label)? Reference = null,
    string ValueFormat = "0.#")
    : Figure(Name, Title)
{
    public override string ToSvg()
    {
        var plot = new BarPlot(Title, YLabel, Categories) { Reference = Reference, ValueFormat = ValueFormat };
        foreach (var (name, values) in Series)
        {
            plot.Add(name, values);
        }

        return plot.ToSvg();
    }
}

/// <summary>
/// The figures benchmark results call for: throughput, slowdown (or, in results of the wall-clock emulator before
/// virtual time, lag) and CPU against offered load (<c>throughput</c>), slowdown or lag and collector pauses against
/// the number of subnets (<c>scale</c>), measured against expected time to reach all nodes (<c>fidelity</c>), and each
/// protocol's duplicate ratio on each scenario (<c>bandwidth</c>). Runs repeated at one setting are drawn each as a
/// dot, the line going through their median.
/// </summary>
public static class BenchmarkFigures
{
    /// <summary>
    /// The lag above which the silo called a run lagging, for results that do not say: the default of the emulator
    /// before virtual time, which counted lag (emulated milliseconds).
    /// </summary>
    public const double DefaultLagWarningMs = 10;

    /// <summary>The setting of results of the virtual-time emulator, which give a slowdown and no lag.</summary>
    private const string VirtualTimeSetting = "virtual time";

    /// <summary>The modes that have figures; results of other modes are passed over.</summary>
    public static readonly IReadOnlyList<string> PlottedModes = ["throughput", "scale", "fidelity", "bandwidth"];

    public static IReadOnlyList<Figure> From(IReadOnlyList<ResultLine> results)
    {
        var figures = new List<Figure>();
        var byMode = results.ToLookup(r => r.Mode);
        figures.AddRange(Throughput(byMode["throughput"].ToList()));
        figures.AddRange(Scale(byMode["scale"].ToList()));
        figures.AddRange(Fidelity(byMode["fidelity"].ToList()));
        figures.AddRange(Bandwidth(byMode["bandwidth"].ToList()));
        return figures;
    }

    private static IEnumerable<Figure> Throughput(IReadOnlyList<ResultLine> runs)
    {
        if (runs.Count == 0)
        {
            yield break;
        }

        // Offered deliveries: every ingress message reaches every node of its subnet but the one it entered at.
        var points = runs.Select(r => new
        {
            Setting = string.Join(", ", new[] { $"{r.Number("subnets"):0}×{r.Number("nodesPerSubnet"):0}", Size((long)r.Number("ingressBytes")), LagCounting(r), VirtualTime(r), SegmentsCollector(r), Processor(r) }.OfType<string>()),
            Offered = r.Number("ingressPerSecondPerSubnet") * r.Number("subnets") * (r.Number("nodesPerSubnet") - 1) / 1000,
            Delivered = r.Number("deliveriesPerSecond") / 1000,
            Lag = HasLag(r) ? r.Number("lagMsP99") : (double?)null,
            Lagging = HasLag(r) && r.Flag("lagging"),
            Slowdown = HasLag(r) ? (double?)null : r.Number("slowdown"),
            Cores = r.OptionalNumber("runtime", "cpuCores"),
        }).ToList();
        var settings = points.GroupBy(p => p.Setting).ToList();

        var delivered = settings.SelectMany(s => Runs(Name("delivered", s.Key, settings.Count), s.Select(p => (p.Offered, p.Delivered)))).ToList();
        var offered = points.Select(p => p.Offered).Order().ToList();
        delivered.Insert(0, new PlotSeries("offered", [(offered[0], offered[0]), (offered[^1], offered[^1])]));
        yield return new LineFigure(
            "throughput-deliveries",
            "Deliveries per wall second against offered load",
            "offered deliveries per second (thousands)",
            "delivered per second (thousands)",
            delivered);

        var lagged = points.Where(p => p.Lag is not null).ToList();
        if (lagged.Count > 0)
        {
            yield return new LineFigure(
                "throughput-lag",
                "Lag p99 against offered load",
                "offered deliveries per second (thousands)",
                "lag p99 (emulated ms)",
                LagSeries(runs, lagged.Select(p => (p.Setting, p.Offered, p.Lag!.Value, p.Lagging)).ToList()));
        }

        var slowed = points.Where(p => p.Slowdown is not null).GroupBy(p => p.Setting).ToList();
        if (slowed.Count > 0)
        {
            var slowdown = slowed.SelectMany(s => Runs(Name("slowdown", s.Key, slowed.Count), s.Select(p => (p.Offered, p.Slowdown!.Value)))).ToList();
            yield return new LineFigure(
                "throughput-slowdown",
                "Slowdown against offered load",
                "offered deliveries per second (thousands)",
                "wall s per emulated s",
                slowdown);
        }

        var cpu = settings
            .SelectMany(s => Runs(Name("process CPU", s.Key, settings.Count), s.Where(p => p.Cores is not null).Select(p => (p.Offered, p.Cores!.Value))))
            .ToList();
        if (cpu.Count > 0)
        {
            yield return new LineFigure(
                "throughput-cpu",
                "Process CPU against offered load",
                "offered deliveries per second (thousands)",
                "cores",
                cpu);
        }
    }

    /// <summary>The setting of scale runs of this version with the default settings, named by how they count the lag.</summary>
    private const string DefaultScaleSetting = "lag per message";

    private static IEnumerable<Figure> Scale(IReadOnlyList<ResultLine> runs)
    {
        if (runs.Count == 0)
        {
            yield break;
        }

        // A setting is named by what tells it apart: the scenario and the time scale only when the runs had several,
        // else the titles say them; the runs of this version with the default settings are named by their counting.
        var scenarios = runs.Select(r => r.Text("scenario")).Distinct().ToList();
        var timeScales = runs.Select(r => r.Number("timeScale")).Distinct().ToList();
        var shared = string.Join(", ", new[]
        {
            scenarios.Count == 1 ? scenarios[0] : null,
            timeScales.Count == 1 ? TimeScale(timeScales[0]) : null,
        }.OfType<string>());
        var points = runs.Select(r => new
        {
            Setting = string.Join(", ", new[]
            {
                scenarios.Count > 1 ? r.Text("scenario") : null,
                timeScales.Count > 1 ? TimeScale(r.Number("timeScale")) : null,
                r.Json.TryGetProperty("siloProcesses", out var silos) && silos.TryGetInt32(out var count) && count > 1 ? $"{count} silos" : null,
                LagCounting(r),
                VirtualTime(r),
                PinnedTables(r),
                r.Json.TryGetProperty("collectorPausesExcludedSeconds", out _) ? "pauses left out" : null,
                r.OptionalNumber("deliveryTickMs") is { } tick && tick != 1 ? $"delivery tick {tick.ToString(CultureInfo.InvariantCulture)} ms" : null,
                SegmentsCollector(r),
            }.OfType<string>()) is { Length: > 0 } tags ? tags : DefaultScaleSetting,
            Subnets = r.Number("subnets"),
            Lag = HasLag(r) ? r.Number("lagMsP99") : (double?)null,
            Lagging = HasLag(r) && r.Flag("lagging"),
            Slowdown = HasLag(r) ? (double?)null : r.Number("slowdown"),
            PauseShare = r.OptionalNumber("runtime", "gcPauseShare"),
            PerMessage = LagCounting(r) is null,
            Processor = Processor(r),
            IsDefault = false,
        }).Select(p => p with
        {
            IsDefault = p.Setting is DefaultScaleSetting or VirtualTimeSetting,
            Setting = p.Processor is null ? p.Setting : $"{p.Setting}, {p.Processor}",
        }).ToList();
        // This version's defaults first, on the newest machines first, the others as the results give them: a crowded
        // legend counts its last entries as "+N more", and the runs of the code as it is should not be those.
        var ordered = points.OrderBy(p => (p.IsDefault ? 0 : 2) - (p.Processor is null ? 0 : 1)).ToList();
        var settings = ordered.GroupBy(p => p.Setting).ToList();

        // The lag counted per message and as it was counted before, in figures of their own: the earlier counts read
        // lower for the same load, and together the settings would crowd one legend.
        var of = shared.Length > 0 ? $" ({shared})" : "";
        foreach (var (name, title, perMessage) in new[]
        {
            ("scale-lag", $"Lag p99 against subnets{of}", true),
            ("scale-lag-counted-before", $"Lag p99 against subnets, counted as before{of}", false),
        })
        {
            var counted = ordered.Where(p => p.Lag is not null && p.PerMessage == perMessage).Select(p => (p.Setting, p.Subnets, p.Lag!.Value, p.Lagging)).ToList();
            if (counted.Count > 0)
            {
                yield return new LineFigure(name, title, "subnets", "lag p99 (emulated ms)", LagSeries(runs, counted));
            }
        }

        var slowed = ordered.Where(p => p.Slowdown is not null).GroupBy(p => p.Setting).ToList();
        if (slowed.Count > 0)
        {
            var slowdown = slowed.SelectMany(s => Runs(Name("slowdown", s.Key, slowed.Count), s.Select(p => (p.Subnets, p.Slowdown!.Value)))).ToList();
            yield return new LineFigure("scale-slowdown", $"Slowdown against subnets{of}", "subnets", "wall s per emulated s", slowdown);
        }

        var pauses = settings
            .SelectMany(s => Runs(Name("in pauses", s.Key, settings.Count), s.Where(p => p.PauseShare is not null).Select(p => (p.Subnets, p.PauseShare!.Value))))
            .ToList();
        if (pauses.Count > 0)
        {
            yield return new LineFigure("scale-gc", $"Wall time in collector pauses against subnets{of}", "subnets", "share of wall time", pauses, YPercent: true);
        }

        // The lag over run time of the latest run at each subnet count that kept its timeline, for one setting (lines of
        // several settings at one count would not tell apart in a legend): this version's defaults, as the latest run
        // with them had them (its machine), when such runs kept theirs, else the setting most such runs share.
        var kept = runs.Zip(points)
            .Where(r => r.First.Json.TryGetProperty("lagTimeline", out var timeline) && timeline.ValueKind == JsonValueKind.Array && timeline.GetArrayLength() > 0)
            .ToList();
        if (kept.Count > 0)
        {
            var setting = kept.LastOrDefault(r => r.Second.IsDefault).Second?.Setting
                ?? kept.GroupBy(r => r.Second.Setting).MaxBy(g => g.Count())!.Key;
            var timelines = kept.Where(r => r.Second.Setting == setting)
                .GroupBy(r => r.Second.Subnets)
                .Select(g => g.Last().First)
                .OrderBy(r => r.Number("subnets"))
                .ToList();
            var series = timelines
                .Select(r => new PlotSeries(
                    $"{r.Number("subnets"):0} subnets",
                    r.Array("lagTimeline")
                        .Select(slice => ((r.Number(slice, "lagTimeline", "fromSeconds") + r.Number(slice, "lagTimeline", "toSeconds")) / 2, r.Number(slice, "lagTimeline", "lagMsP99")))
                        .ToList()))
                .ToList();
            series.Add(LagWarning(timelines, 0, timelines.Max(r => r.Array("lagTimeline").Max(slice => r.Number(slice, "lagTimeline", "toSeconds")))));
            yield return new LineFigure("scale-lag-timeline", $"Lag p99 over run time ({string.Join(", ", new[] { shared, setting }.Where(t => t.Length > 0))})", "run time (emulated s)", "lag p99 (emulated ms)", series);
        }
    }

    private static IEnumerable<Figure> Fidelity(IReadOnlyList<ResultLine> runs)
    {
        if (runs.Count == 0)
        {
            yield break;
        }

        var cases = runs.Select(r => new
        {
            Run = r,
            Label = $"time scale {r.Number("timeScale").ToString(CultureInfo.InvariantCulture)}",
            Cases = r.Array("cases").Select(c => new
            {
                Category = $"N = {r.Number(c, "cases", "nodes"):0}, {Size((long)r.Number(c, "cases", "artifactBytes"))}",
                Expected = r.Number(c, "cases", "expectedMs"),
                Measured = r.Number(c, "cases", "measuredMsMedian"),
                Error = r.Number(c, "cases", "errorPercent"),
            }).ToList(),
        }).ToList();
        var categories = cases.SelectMany(r => r.Cases.Select(c => c.Category)).Distinct().ToList();

        IReadOnlyList<double?> Values(IEnumerable<(string Category, double Value)> values)
        {
            var byCategory = values.GroupBy(v => v.Category).ToDictionary(g => g.Key, g => g.First().Value);
            return categories.Select(c => byCategory.TryGetValue(c, out var v) ? v : (double?)null).ToList();
        }

        var time = new List<(string, IReadOnlyList<double?>)>
        {
            ("closed form", Values(cases.SelectMany(r => r.Cases.Select(c => (c.Category, c.Expected))))),
        };
        time.AddRange(cases.Select(r => ($"measured, {r.Label}", Values(r.Cases.Select(c => (c.Category, c.Measured))))));
        yield return new BarFigure("fidelity-time", "Time to reach every node: closed form and measured (median)", "ms", categories, time);

        var tolerance = cases[0].Run.Number("tolerancePercent");
        yield return new BarFigure(
            "fidelity-error",
            "Error of the measured time against the closed form",
            "|error| (%)",
            categories,
            cases.Select(r => (r.Label, Values(r.Cases.Select(c => (c.Category, Math.Abs(c.Error)))))).ToList(),
            (tolerance, $"tolerance, {tolerance.ToString(CultureInfo.InvariantCulture)} %"));
    }

    /// <summary>The duplicate ratio of each protocol on each scenario, of the latest run, against the target.</summary>
    private static IEnumerable<Figure> Bandwidth(IReadOnlyList<ResultLine> runs)
    {
        if (runs.Count == 0)
        {
            yield break;
        }

        var run = runs[^1];
        var rows = run.Array("rows")
            .Select(row => (Scenario: run.Text(row, "rows", "scenario"), Protocol: run.Text(row, "rows", "protocol"), Ratio: run.Number(row, "rows", "duplicateRatio")))
            .ToList();
        var scenarios = rows.Select(r => r.Scenario).Distinct().ToList();
        var series = rows.Select(r => r.Protocol).Distinct()
            .Select(protocol => (protocol, (IReadOnlyList<double?>)scenarios
                .Select(scenario => rows.Where(r => r.Scenario == scenario && r.Protocol == protocol).Select(r => (double?)r.Ratio).FirstOrDefault())
                .ToList()))
            .ToList();
        var target = run.Number("target");
        yield return new BarFigure(
            "bandwidth-duplicates",
            "Body bytes received over the minimum, per protocol",
            "duplicate ratio",
            scenarios,
            series,
            (target, $"target, {target.ToString(CultureInfo.InvariantCulture)}"),
            ValueFormat: "0.##");
    }

    /// <summary>
    /// The lag p99 of each setting's runs, the lag warning across the x axis, and a dot on each run the silo called
    /// lagging.
    /// </summary>
    private static List<PlotSeries> LagSeries(IReadOnlyList<ResultLine> runs, IReadOnlyList<(string Setting, double X, double Lag, bool Lagging)> points)
    {
        var settings = points.GroupBy(p => p.Setting).ToList();
        var series = settings.SelectMany(s => Runs(Name("lag p99", s.Key, settings.Count), s.Select(p => (p.X, p.Lag)))).ToList();
        series.Add(LagWarning(runs, points.Min(p => p.X), points.Max(p => p.X)));
        series.Add(new PlotSeries("lagging runs", points.Where(p => p.Lagging).Select(p => (p.X, p.Lag)).ToList(), PlotStyle.Dots));
        return series;
    }

    /// <summary>
    /// The lag above which the silo called a run lagging, across the x axis: as the results say, or the emulator's
    /// default for results that do not (those of older runs), and then named so.
    /// </summary>
    private static PlotSeries LagWarning(IReadOnlyList<ResultLine> runs, double from, double to)
    {
        var stated = runs.Select(r => r.OptionalNumber("lagWarningMs")).OfType<double>().Distinct().ToList();
        var (warning, name) = stated.Count switch
        {
            0 => (DefaultLagWarningMs, "lag warning (default)"),
            1 => (stated[0], "lag warning"),
            _ => (stated.Min(), "lowest lag warning"),
        };
        return new PlotSeries(name, [(from, warning), (to, warning)]);
    }

    /// <summary>
    /// How an older result counted its lag, each a setting apart: "lag at the scheduler" when it does not say where
    /// (written before the lag was counted where nodes take their batches, it missed node turns waiting for a
    /// thread), "lag per batch" when it does not say of what (each batch counted once, so that the ticks a collection
    /// paused, gathered into one batch per node, weighed as one tick); null for a lag counted per message at nodes, and
    /// for a result without a lag (of virtual time, <see cref="VirtualTime"/>).
    /// </summary>
    private static string? LagCounting(ResultLine result) =>
        !HasLag(result) ? null
        : !result.Json.TryGetProperty("lagCountedAt", out _) ? "lag at the scheduler"
        : !result.Json.TryGetProperty("lagCountedPer", out _) ? "lag per batch"
        : null;

    /// <summary>
    /// Whether a result is of the wall-clock emulator, which gave a delivery lag (<c>lagMsP99</c>, <c>lagging</c>); a
    /// result of virtual time gives a slowdown instead.
    /// </summary>
    private static bool HasLag(ResultLine result) =>
        result.Json.TryGetProperty("lagMsP99", out _) || result.Json.TryGetProperty("lagging", out _);

    /// <summary>
    /// "virtual time" for a result of the virtual-time emulator, which gives no lag, its figures the same on any
    /// machine (its slowdown says how this one kept the pace): a setting apart from the wall-clock results before it.
    /// </summary>
    private static string? VirtualTime(ResultLine result) => HasLag(result) ? null : VirtualTimeSetting;

    /// <summary>
    /// "tables on the pinned heap" for a scale run counted per message on a silo whose nodes kept their run-long
    /// tables on the pinned object heap, as results that say neither where they kept them (<c>runLongTables</c>) nor
    /// the native memory the tables took (<c>runLongBytesPerNode</c>, which results gave first) did; null for the runs
    /// counted otherwise, which are settings apart already.
    /// </summary>
    private static string? PinnedTables(ResultLine result) =>
        LagCounting(result) is null && !result.Json.TryGetProperty("runLongTables", out _) && !result.Json.TryGetProperty("runLongBytesPerNode", out _)
            ? "tables on the pinned heap"
            : null;

    /// <summary>
    /// "segments collector" for a run whose runtime collected with the segments library: a setting apart from the
    /// runtime's default, regions, which results written before they named their collector ran.
    /// </summary>
    private static string? SegmentsCollector(ResultLine result) =>
        result.OptionalText("machine", "collector") == "segments" ? "segments collector" : null;

    /// <summary>
    /// The processor of a result that names its family (<c>machine.cpuFamily</c>, which results give since
    /// 2026-11-28), as "AMD EPYC family 26": a virtual machine may run on another generation of the processor it names
    /// from one day to the next, and its runs are a setting apart. Null for the results before, which the page dates.
    /// </summary>
    private static string? Processor(ResultLine result) =>
        result.OptionalText("machine", "cpuFamily") is { } family ? $"{result.OptionalText("machine", "cpuModel")} {family.Split(',')[0]}" : null;

    private static string TimeScale(double timeScale) => $"time scale {timeScale.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A series' name: what it shows when the results have one setting, else the setting it shows it for.</summary>
    private static string Name(string what, string setting, int settings) => settings == 1 ? what : setting;

    /// <summary>
    /// A setting's runs: a line through the median at each x and, when some x has more than one run, a dot per run,
    /// so that repeated runs show their spread.
    /// </summary>
    private static IEnumerable<PlotSeries> Runs(string name, IEnumerable<(double X, double Y)> runs)
    {
        var all = runs.ToList();
        var medians = all.GroupBy(p => p.X).OrderBy(g => g.Key).Select(g => (g.Key, BenchmarkOutput.Median(g.Select(p => p.Y)))).ToList();
        yield return new PlotSeries(name, medians);
        if (medians.Count < all.Count)
        {
            yield return new PlotSeries($"{name}, each run", all, PlotStyle.Dots);
        }
    }

    private static string Size(long bytes) => bytes switch
    {
        >= 1 << 20 when bytes % (1 << 20) == 0 => $"{bytes >> 20} MiB",
        >= 1 << 10 when bytes % (1 << 10) == 0 => $"{bytes >> 10} KiB",
        _ => $"{bytes} B",
    };
}
