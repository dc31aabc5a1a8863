using System.Globalization;

namespace OrleansGossip.Silo.Reports.Plots;

/// <summary>
/// Maps data values onto pixels along one axis whose ends are rounded out to "nice" ticks (1, 2 or 5 times a power
/// of ten), about <c>targetTicks</c> of them.
/// </summary>
internal sealed class AxisScale
{
    private readonly double _pixelFrom;
    private readonly double _pixelTo;

    public AxisScale(double min, double max, double pixelFrom, double pixelTo, int targetTicks = 5)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            (min, max) = (0, 1);
        }

        if (max <= min)
        {
            max = min + (min == 0 ? 1 : Math.Abs(min) * 0.1);
        }

        Step = NiceStep((max - min) / targetTicks);
        Min = Math.Floor((min / Step) + 1e-9) * Step;
        Max = Math.Ceiling((max / Step) - 1e-9) * Step;
        _pixelFrom = pixelFrom;
        _pixelTo = pixelTo;
    }

    public double Min { get; }

    public double Max { get; }

    public double Step { get; }

    public IEnumerable<double> Ticks
    {
        get
        {
            var count = (int)Math.Round((Max - Min) / Step);
            for (var i = 0; i <= count; i++)
            {
                yield return Math.Round(Min + (i * Step), 12);
            }
        }
    }

    public double ToPixel(double value) => _pixelFrom + ((value - Min) / (Max - Min) * (_pixelTo - _pixelFrom));

    /// <summary>A tick's label, with as many decimals as the step needs.</summary>
    public string Label(double value, bool percent = false)
    {
        if (percent)
        {
            var decimals = Math.Max(0, (int)Math.Ceiling(-Math.Log10(Step * 100) - 1e-9));
            return (value * 100).ToString("F" + decimals, CultureInfo.InvariantCulture) + "%";
        }

        var digits = Step >= 1 ? 0 : (int)Math.Ceiling(-Math.Log10(Step) - 1e-9);
        return value.ToString("F" + digits, CultureInfo.InvariantCulture);
    }

    private static double NiceStep(double raw)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var fraction = raw / magnitude;
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }
}
