using System.Globalization;
using System.Net;

namespace OrleansGossip.Silo.Reports.Plots;

/// <summary>Small pieces the plots share: coordinates, escaping, colours and the frame's geometry.</summary>
internal static class Svg
{
    public const int Width = 600;
    public const int Height = 320;
    public const int Left = 64;
    public const int Right = 170;
    public const int Top = 34;
    public const int Bottom = 50;
    public const string FaultColour = "#c0392b";
    public const string InkColour = "#333";
    public const string GridColour = "#e4e4e4";

    /// <summary>Tableau 10: distinct in print and for most colour-blind readers.</summary>
    private static readonly string[] Palette =
    [
        "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
    ];

    public static string Colour(int index) => Palette[index % Palette.Length];

    /// <summary>A coordinate: one decimal is finer than a pixel.</summary>
    public static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    public static string Escape(string text) => WebUtility.HtmlEncode(text);

    public static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    /// <summary>The opening tag, the title and the background of a plot.</summary>
    public static string Open(string title, int height = Height) =>
        $"<svg class=\"plot\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\" role=\"img\" aria-label=\"{Escape(title)}\" font-family=\"system-ui, sans-serif\" font-size=\"11\">" +
        $"<title>{Escape(title)}</title>" +
        $"<rect width=\"{Width}\" height=\"{height}\" fill=\"#fff\"/>" +
        $"<text x=\"{Left}\" y=\"20\" font-size=\"14\" font-weight=\"600\" fill=\"{InkColour}\">{Escape(Truncate(title, 70))}</text>";

    /// <summary>
    /// One legend entry per name, a colour swatch each, down the right margin; a name too long for one line takes two
    /// (see <see cref="LegendText"/>). Entries that would not fit are counted instead.
    /// </summary>
    public static string Legend(IReadOnlyList<string> names, Func<int, string> colour)
    {
        const int maxEntries = 14;
        var x = Width - Right + 14;
        var parts = new List<string>();
        var y = Top + 4;
        var shown = 0;
        for (; shown < Math.Min(names.Count, maxEntries); shown++)
        {
            var lines = LegendText(names[shown]);
            if (y + EntryHeight(lines) > Height - 17 && shown < names.Count - 1)
            {
                break; // Room for the count of those left out.
            }

            parts.Add($"<rect x=\"{x}\" y=\"{y}\" width=\"11\" height=\"11\" fill=\"{colour(shown)}\"/>" + LegendLabel(x + 16, y, lines));
            y += EntryHeight(lines);
        }

        if (shown < names.Count)
        {
            parts.Add($"<text x=\"{x}\" y=\"{y + 10}\" fill=\"{InkColour}\">+{names.Count - shown} more</text>");
        }

        return string.Concat(parts);
    }

    /// <summary>A legend entry for a dashed reference line, below the colour entries of <paramref name="names"/>.</summary>
    public static string LegendLine(IReadOnlyList<string> names, string label)
    {
        var x = Width - Right + 14;
        var y = Top + 4 + names.Sum(n => EntryHeight(LegendText(n)));
        return $"<line x1=\"{x}\" x2=\"{x + 11}\" y1=\"{y + 6}\" y2=\"{y + 6}\" stroke=\"{InkColour}\" stroke-dasharray=\"3 2\"/>" +
               LegendLabel(x + 16, y, LegendText(label));
    }

    /// <summary>
    /// A legend name as the lines it takes: one when it fits, else two, broken at the last space that fits; what does
    /// not fit on the second is cut.
    /// </summary>
    public static IReadOnlyList<string> LegendText(string name)
    {
        const int chars = 24;
        if (name.Length <= chars)
        {
            return [name];
        }

        var space = name.LastIndexOf(' ', chars);
        return space > 0 ? [name[..space], Truncate(name[(space + 1)..], chars)] : [Truncate(name, chars)];
    }

    private static int EntryHeight(IReadOnlyList<string> lines) => 17 + (13 * (lines.Count - 1));

    private static string LegendLabel(int x, int y, IReadOnlyList<string> lines) =>
        $"<text x=\"{x}\" y=\"{y + 10}\" fill=\"{InkColour}\">" +
        (lines.Count == 1
            ? Escape(lines[0])
            : string.Concat(lines.Select((line, i) => $"<tspan x=\"{x}\" dy=\"{(i == 0 ? 0 : 13)}\">{Escape(line)}</tspan>"))) +
        "</text>";

    /// <summary>
    /// Tick labels, grid lines and axis titles for the plot area over <paramref name="x"/> and <paramref name="y"/>; the
    /// area is the same in every plot, a taller <paramref name="height"/> only makes room below it.
    /// </summary>
    public static string Axes(AxisScale? x, AxisScale y, string xLabel, string yLabel, bool yPercent, int height = Height)
    {
        const int bottom = Height - Bottom;
        var right = Width - Right;
        var parts = new List<string>();
        foreach (var tick in y.Ticks)
        {
            var py = N(y.ToPixel(tick));
            parts.Add($"<line x1=\"{Left}\" x2=\"{right}\" y1=\"{py}\" y2=\"{py}\" stroke=\"{GridColour}\"/>" +
                      $"<text x=\"{Left - 6}\" y=\"{py}\" dy=\"0.32em\" text-anchor=\"end\" fill=\"{InkColour}\">{y.Label(tick, yPercent)}</text>");
        }

        if (x is not null)
        {
            foreach (var tick in x.Ticks)
            {
                var px = N(x.ToPixel(tick));
                parts.Add($"<line x1=\"{px}\" x2=\"{px}\" y1=\"{Top}\" y2=\"{bottom}\" stroke=\"{GridColour}\"/>" +
                          $"<text x=\"{px}\" y=\"{bottom + 15}\" text-anchor=\"middle\" fill=\"{InkColour}\">{x.Label(tick)}</text>");
            }
        }

        parts.Add($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{right - Left}\" height=\"{bottom - Top}\" fill=\"none\" stroke=\"#999\"/>");
        parts.Add($"<text x=\"{N((Left + right) / 2.0)}\" y=\"{height - 10}\" text-anchor=\"middle\" fill=\"{InkColour}\">{Escape(xLabel)}</text>");
        parts.Add($"<text transform=\"translate(16 {N((Top + bottom) / 2.0)}) rotate(-90)\" text-anchor=\"middle\" fill=\"{InkColour}\">{Escape(yLabel)}</text>");
        return string.Concat(parts);
    }

    /// <summary>Says so in the middle of the plot area when there is nothing to draw.</summary>
    public static string NoData() =>
        $"<text x=\"{N((Left + Width - Right) / 2.0)}\" y=\"{N((Top + Height - Bottom) / 2.0)}\" text-anchor=\"middle\" fill=\"#888\" font-size=\"13\">no data</text>";
}
