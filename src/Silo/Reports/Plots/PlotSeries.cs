namespace OrleansGossip.Silo.Reports.Plots;

/// <summary>A named list of (x, y) points drawn in one colour.</summary>
public sealed record PlotSeries(string Name, IReadOnlyList<(double X, double Y)> Points, PlotStyle Style = PlotStyle.Line);
