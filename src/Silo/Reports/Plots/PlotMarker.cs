namespace OrleansGossip.Silo.Reports.Plots;

/// <summary>A labelled vertical line at <see cref="X"/>, such as a fault on a time axis; <see cref="Detail"/> shows on hover.</summary>
public sealed record PlotMarker(double X, string Label, string? Detail = null);
