using System.Globalization;
using OrleansGossip.Abstractions.Reports;
using OrleansGossip.Silo.Reports.Plots;

namespace OrleansGossip.Silo.Reports;

/// <summary>The plots both report pages draw, each from a list of named series (kinds on a run's page, protocols on a comparison).</summary>
internal static class ReportPlots
{
    /// <summary>A CDF needs no more steps than a plot has pixels.</summary>
    private const int MaxCdfPoints = 400;

    /// <summary>More dots than this per series are thinned evenly.</summary>
    private const int MaxDots = 1500;

    /// <summary>
    /// The share of artifacts that reached every honest node within a time since creation. Artifacts that never did
    /// count in the denominator, so the curve stays below 100 % when delivery was incomplete.
    /// </summary>
    public static LinePlot LatencyCdf(string title, IEnumerable<(string Name, IReadOnlyList<ArtifactRow> Rows)> groups)
    {
        var plot = new LinePlot(title, "ms since creation", "artifacts at every honest node") { YMax = 1, YPercent = true };
        foreach (var (name, rows) in groups)
        {
            var reached = rows.Select(r => r.Reach100Ms).OfType<double>().Order().ToList();
            var points = new List<(double X, double Y)> { (0, 0) };
            if (reached.Count > 0)
            {
                var step = Math.Max(1, reached.Count / MaxCdfPoints);
                for (var i = 0; i < reached.Count; i++)
                {
                    if (i % step == 0 || i == reached.Count - 1)
                    {
                        points.Add((reached[i], (i + 1.0) / rows.Count));
                    }
                }
            }

            plot.Add(new PlotSeries(name, rows.Count == 0 ? [] : points, PlotStyle.Step));
        }

        return plot;
    }

    /// <summary>The mean share of honest nodes holding an artifact against the time since it was made.</summary>
    public static LinePlot Coverage(string title, IEnumerable<(string Name, IReadOnlyList<CoveragePoint> Points)> groups)
    {
        var plot = new LinePlot(title, "ms since creation", "honest nodes holding it (mean)") { YMax = 1, YPercent = true };
        foreach (var (name, points) in groups)
        {
            plot.Add(new PlotSeries(name, points.Select(p => (p.Ms, p.Share)).ToList()));
        }

        return plot;
    }

    /// <summary>Each artifact's time to reach every honest node against when in the run it was made; faults marked.</summary>
    public static LinePlot LatencyOverRunTime(string title, IEnumerable<(string Name, IReadOnlyList<ArtifactRow> Rows)> groups, IEnumerable<PlotMarker> faults)
    {
        var plot = new LinePlot(title, "run time (s) when made", "ms to reach every honest node") { XMin = 0 };
        foreach (var (name, rows) in groups)
        {
            var reached = rows.Where(r => r.Reach100Ms is not null).ToList();
            var step = Math.Max(1, (int)Math.Ceiling(reached.Count / (double)MaxDots));
            var points = reached.Where((_, i) => i % step == 0).Select(r => (r.CreatedAtMs / 1000, r.Reach100Ms!.Value)).ToList();
            plot.Add(new PlotSeries(name, points, PlotStyle.Dots));
        }

        return plot.Mark(faults);
    }

    /// <summary>
    /// The median honest node's finalized height over run time, held flat from its last finalization to
    /// <paramref name="endSeconds"/> so that a stall shows; faults marked.
    /// </summary>
    public static LinePlot Finalization(string title, IEnumerable<(string Name, IReadOnlyList<HeightPoint> Timeline)> groups, double endSeconds, IEnumerable<PlotMarker> faults)
    {
        var plot = new LinePlot(title, "run time (s)", "finalized height") { XMin = 0 };
        foreach (var (name, timeline) in groups)
        {
            var points = timeline.Select(h => (h.AtSeconds, (double)h.Height)).ToList();
            if (points.Count > 0 && points[^1].AtSeconds < endSeconds)
            {
                points.Add((endSeconds, points[^1].Item2));
            }

            plot.Add(new PlotSeries(name, points, PlotStyle.Step));
        }

        return plot.Mark(faults);
    }

    /// <summary>The faults that touched <paramref name="subnet"/> (or the whole run), as markers on a run-time axis in seconds.</summary>
    public static IReadOnlyList<PlotMarker> FaultMarkers(IEnumerable<FaultEvent> faults, string subnet) =>
        faults.Where(f => string.IsNullOrEmpty(f.Subnet) || f.Subnet == subnet)
            .Select(f => new PlotMarker(
                f.AtSeconds,
                string.Create(CultureInfo.InvariantCulture, $"{f.Kind} @{f.AtSeconds:0.##}s"),
                string.Create(CultureInfo.InvariantCulture, $"{f.AtSeconds:0.###} s: {f.Kind} — {f.Description}")))
            .ToList();
}
