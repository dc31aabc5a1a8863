namespace OrleansGossip.Silo.Reports.Plots;

/// <summary>How a series is drawn.</summary>
public enum PlotStyle
{
    /// <summary>Straight segments between points.</summary>
    Line,

    /// <summary>Holds each value until the next point (cumulative counts, heights).</summary>
    Step,

    /// <summary>A dot per point, unconnected.</summary>
    Dots,
}
