using System.Globalization;
using System.Text;

namespace OrleansGossip.Silo.Reports.Plots;

/// <summary>
/// An inline SVG bar chart: a group of bars per category (an artifact kind), one bar per series (a figure or a
/// protocol) in its own colour, each labelled with its value; an optional dashed reference line (such as the minimum).
/// </summary>
public sealed class BarPlot(string title, string yLabel, IReadOnlyList<string> categories)
{
    /// <summary>Room below the plot area for category labels written aslant.</summary>
    private const int BottomForLabels = 50;
    private const double MaxBarWidth = 56;
    private readonly List<(string Name, IReadOnlyList<double?> Values)> _series = [];

    /// <summary>How bar values are printed above the bars.</summary>
    public string ValueFormat { get; init; } = "0.##";

    /// <summary>A horizontal dashed reference line, if any, and its label in the legend.</summary>
    public (double Y, string Label)? Reference { get; init; }

    public string Title => title;

    /// <summary>Adds a series with one value per category (null: none).</summary>
    public BarPlot Add(string name, IReadOnlyList<double?> values)
    {
        if (values.Count != categories.Count)
        {
            throw new ArgumentException($"series '{name}' has {values.Count} values for {categories.Count} categories", nameof(values));
        }

        _series.Add((name, values));
        return this;
    }

    public string ToSvg()
    {
        const int bottom = Svg.Height - Svg.Bottom;
        var right = Svg.Width - Svg.Right;
        var groupWidth = (double)(right - Svg.Left) / Math.Max(1, categories.Count);
        var rotate = categories.Any(c => c.Length * 6.2 > groupWidth);
        var height = Svg.Height + (rotate ? BottomForLabels : 0);
        var values = _series.SelectMany(s => s.Values).OfType<double>().Where(double.IsFinite).ToList();
        var top = Math.Max(values.Count == 0 ? 1 : values.Max(), Reference?.Y ?? 0) * 1.12;
        var y = new AxisScale(0, top, bottom, Svg.Top);
        var svg = new StringBuilder(Svg.Open(title, height));
        svg.Append(Svg.Axes(null, y, "", yLabel, yPercent: false, height));
        if (values.Count == 0)
        {
            svg.Append(Svg.NoData());
        }

        var barWidth = Math.Min(MaxBarWidth, groupWidth * 0.8 / Math.Max(1, _series.Count));
        for (var c = 0; c < categories.Count; c++)
        {
            var groupLeft = Svg.Left + ((c + 0.5) * groupWidth) - (barWidth * _series.Count / 2);
            for (var s = 0; s < _series.Count; s++)
            {
                if (_series[s].Values[c] is not { } value || !double.IsFinite(value))
                {
                    continue;
                }

                var bx = groupLeft + (s * barWidth);
                var by = y.ToPixel(value);
                svg.Append($"<rect x=\"{Svg.N(bx + 1)}\" y=\"{Svg.N(by)}\" width=\"{Svg.N(Math.Max(1, barWidth - 2))}\" height=\"{Svg.N(bottom - by)}\" fill=\"{Svg.Colour(s)}\"><title>{Svg.Escape($"{_series[s].Name}, {categories[c]}: {Format(value)}")}</title></rect>");
                svg.Append($"<text x=\"{Svg.N(bx + (barWidth / 2))}\" y=\"{Svg.N(by - 4)}\" text-anchor=\"middle\" font-size=\"10\" fill=\"{Svg.InkColour}\">{Format(value)}</text>");
            }

            var cx = Svg.N(Svg.Left + ((c + 0.5) * groupWidth));
            svg.Append(rotate
                ? $"<text transform=\"translate({cx} {bottom + 12}) rotate(-30)\" text-anchor=\"end\" fill=\"{Svg.InkColour}\">{Svg.Escape(Svg.Truncate(categories[c], 22))}</text>"
                : $"<text x=\"{cx}\" y=\"{bottom + 15}\" text-anchor=\"middle\" fill=\"{Svg.InkColour}\">{Svg.Escape(categories[c])}</text>");
        }

        if (Reference is { } reference)
        {
            var ry = Svg.N(y.ToPixel(reference.Y));
            svg.Append($"<line x1=\"{Svg.Left}\" x2=\"{right}\" y1=\"{ry}\" y2=\"{ry}\" stroke=\"{Svg.InkColour}\" stroke-dasharray=\"4 3\"/>");
            svg.Append(Svg.LegendLine(_series.Select(s => s.Name).ToList(), reference.Label));
        }

        svg.Append(Svg.Legend(_series.Select(s => s.Name).ToList(), Svg.Colour));
        return svg.Append("</svg>").ToString();
    }

    private string Format(double value) => value.ToString(ValueFormat, CultureInfo.InvariantCulture);
}
