using System.Globalization;
using OrleansGossip.Abstractions.Reports;

namespace OrleansGossip.Silo.Reports;

/// <summary>How the HTML pages and the console tables print figures: invariant culture, a dash for none.</summary>
internal static class ReportFormat
{
    public const string None = "–";

    public static string Ms(double? value) => value is { } v ? v.ToString("F1", CultureInfo.InvariantCulture) : None;

    public static string Ratio(double value) => value.ToString("F2", CultureInfo.InvariantCulture);

    public static string Share(double value) => value.ToString("P1", CultureInfo.InvariantCulture);

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A run's time scale as a pace: <c>timeScale 4</c>, or <c>unpaced</c> for 0 (as fast as the machine allows).</summary>
    public static string Pace(double timeScale) =>
        timeScale > 0 ? $"timeScale {timeScale.ToString("0.###", CultureInfo.InvariantCulture)}" : "unpaced";

    /// <summary>
    /// A slowdown (wall seconds per emulated second): two decimals from 1 up, two significant digits below, which an
    /// unpaced run's often is (<c>0.0035</c>), and a dash for none yet.
    /// </summary>
    public static string Slowdown(double value) =>
        value <= 0 || !double.IsFinite(value) ? None
        : value.ToString(value >= 0.995 ? "F2" : "G2", CultureInfo.InvariantCulture);

    /// <summary>Wall seconds: two decimals under 10 s, which short and unpaced runs take, one above.</summary>
    public static string WallSeconds(double value) => value.ToString(value < 10 ? "F2" : "F1", CultureInfo.InvariantCulture);

    /// <summary>Body bytes received per delivery, in KiB: what one node's copy of an artifact cost in bandwidth.</summary>
    public static double KiBPerDelivery(KindReport kind) => kind.Deliveries == 0 ? 0 : kind.BodyBytesReceived / 1024.0 / kind.Deliveries;

    public static string KiB(double value) => value.ToString(value < 10 ? "F2" : "F1", CultureInfo.InvariantCulture);
}
