using System.Globalization;
using System.Xml.Linq;
using OrleansGossip.Silo.Reports.Plots;
using Xunit;

namespace OrleansGossip.Bench.Tests;

/// <summary>A figure's legend names each series in full: a long name takes a second line rather than losing its end.</summary>
public sealed class LegendTests
{
    [Fact]
    public void A_long_series_name_takes_two_lines_and_a_short_one_one()
    {
        var plot = new LinePlot("lag", "subnets", "ms");
        plot.Add(new PlotSeries("lag per batch, pauses left out, each run", [(100, 1), (200, 2)]));
        plot.Add(new PlotSeries("lag per message", [(100, 1), (200, 3)]));

        var texts = Legend(plot.ToSvg());

        Assert.Equal(["lag per batch, pauses", "left out, each run"], texts[0].Elements("tspan").Select(t => t.Value));
        Assert.Equal("lag per message", texts[1].Value);
        Assert.True(Y(texts[1]) - Y(texts[0]) > 17, "the second entry does not start below the first one's second line");
    }

    [Fact]
    public void Entries_that_do_not_fit_are_counted_and_nothing_is_drawn_below_the_figure()
    {
        var plot = new LinePlot("lag", "subnets", "ms");
        for (var i = 0; i < 12; i++)
        {
            plot.Add(new PlotSeries($"setting {i}, with a name that takes two lines", [(100, i), (200, i + 1)]));
        }

        var svg = XDocument.Parse(plot.ToSvg()).Root!;
        var height = double.Parse(svg.Attribute("height")!.Value, CultureInfo.InvariantCulture);
        var texts = Legend(plot.ToSvg());

        Assert.Contains(texts, t => t.Value.EndsWith(" more", StringComparison.Ordinal));
        Assert.All(texts, t => Assert.True(Y(t) + (13 * Math.Max(0, t.Elements("tspan").Count() - 1)) <= height, $"'{t.Value}' is drawn below the figure"));
    }

    /// <summary>The legend's texts (a plot for a page, without a namespace): those down the right margin, right of the plot area.</summary>
    private static List<XElement> Legend(string svg) =>
        XDocument.Parse(svg).Root!.Descendants("text").Where(t => t.Attribute("x") is { } x && double.Parse(x.Value, CultureInfo.InvariantCulture) > 430).ToList();

    private static double Y(XElement text) => double.Parse(text.Attribute("y")!.Value, CultureInfo.InvariantCulture);
}
