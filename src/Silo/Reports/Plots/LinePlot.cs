using System.Text;

namespace OrleansGossip.Silo.Reports.Plots;

/// <summary>
/// An inline SVG chart of one or more series against a linear x axis, with a legend and optional labelled vertical
/// markers (faults on a time axis). No scripts, no external references: it renders offline.
/// </summary>
public sealed class LinePlot(string title, string xLabel, string yLabel)
{
    private readonly List<PlotSeries> _series = [];
    private readonly List<PlotMarker> _markers = [];

    /// <summary>Fixes the bottom of the y axis (0 by default); null fits it to the data.</summary>
    public double? YMin { get; init; } = 0;

    /// <summary>Fixes the top of the y axis; null fits it to the data.</summary>
    public double? YMax { get; init; }

    /// <summary>Fixes the left end of the x axis; null fits it to the data.</summary>
    public double? XMin { get; init; }

    /// <summary>Labels the y axis in percent (values are shares, 1 = 100 %).</summary>
    public bool YPercent { get; init; }

    public string Title => title;

    public LinePlot Add(PlotSeries series)
    {
        _series.Add(series);
        return this;
    }

    public LinePlot Mark(IEnumerable<PlotMarker> markers)
    {
        _markers.AddRange(markers);
        return this;
    }

    public string ToSvg()
    {
        var svg = new StringBuilder(Svg.Open(title));
        var points = _series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        var xs = points.Select(p => p.X).Concat(_markers.Select(m => m.X)).ToList();
        var x = new AxisScale(
            XMin ?? (xs.Count == 0 ? 0 : xs.Min()),
            xs.Count == 0 ? 1 : xs.Max(),
            Svg.Left,
            Svg.Width - Svg.Right,
            targetTicks: 6);
        var y = new AxisScale(
            YMin ?? (points.Count == 0 ? 0 : points.Min(p => p.Y)),
            YMax ?? (points.Count == 0 ? 1 : points.Max(p => p.Y)),
            Svg.Height - Svg.Bottom,
            Svg.Top);
        svg.Append(Svg.Axes(x, y, xLabel, yLabel, YPercent));
        if (points.Count == 0)
        {
            svg.Append(Svg.NoData());
        }

        for (var i = 0; i < _series.Count; i++)
        {
            svg.Append(Draw(_series[i], Svg.Colour(i), x, y));
        }

        for (var i = 0; i < _markers.Count; i++)
        {
            svg.Append(DrawMarker(_markers[i], i, x));
        }

        svg.Append(Svg.Legend(_series.Select(s => s.Name).ToList(), Svg.Colour));
        return svg.Append("</svg>").ToString();
    }

    private static string Draw(PlotSeries series, string colour, AxisScale x, AxisScale y)
    {
        var points = series.Points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        if (points.Count == 0)
        {
            return "";
        }

        var svg = new StringBuilder();
        if (series.Style == PlotStyle.Dots)
        {
            svg.Append($"<g fill=\"{colour}\" fill-opacity=\"0.65\">");
            foreach (var (px, py) in points)
            {
                svg.Append($"<circle cx=\"{Svg.N(x.ToPixel(px))}\" cy=\"{Svg.N(y.ToPixel(py))}\" r=\"2\"/>");
            }

            return svg.Append("</g>").ToString();
        }

        svg.Append($"<path fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" stroke-linejoin=\"round\" d=\"M{Svg.N(x.ToPixel(points[0].X))},{Svg.N(y.ToPixel(points[0].Y))}");
        foreach (var (px, py) in points.Skip(1))
        {
            svg.Append(series.Style == PlotStyle.Step
                ? $"H{Svg.N(x.ToPixel(px))}V{Svg.N(y.ToPixel(py))}"
                : $"L{Svg.N(x.ToPixel(px))},{Svg.N(y.ToPixel(py))}");
        }

        svg.Append("\"/>");
        if (points.Count == 1)
        {
            svg.Append($"<circle cx=\"{Svg.N(x.ToPixel(points[0].X))}\" cy=\"{Svg.N(y.ToPixel(points[0].Y))}\" r=\"3\" fill=\"{colour}\"/>");
        }

        return svg.ToString();
    }

    /// <summary>A dashed vertical line with its label written down from the top, staggered so that close labels stay apart.</summary>
    private static string DrawMarker(PlotMarker marker, int index, AxisScale x)
    {
        var px = Svg.N(x.ToPixel(marker.X));
        var tooltip = Svg.Escape(marker.Detail ?? marker.Label);
        var labelTop = Svg.Top + 4 + ((index % 3) * 6);
        return $"<g class=\"marker\"><title>{tooltip}</title>" +
               $"<line x1=\"{px}\" x2=\"{px}\" y1=\"{Svg.Top}\" y2=\"{Svg.Height - Svg.Bottom}\" stroke=\"{Svg.FaultColour}\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>" +
               $"<text transform=\"translate({px} {labelTop}) rotate(90)\" dy=\"-4\" fill=\"{Svg.FaultColour}\" font-size=\"10\">{Svg.Escape(Svg.Truncate(marker.Label, 36))}</text></g>";
    }
}
