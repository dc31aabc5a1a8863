using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansGossip.Abstractions.Reports;

namespace OrleansGossip.Benchmarks;

/// <summary>Progress lines as the benchmark goes, and the closing JSON object that tools read off the last line.</summary>
public static class BenchmarkOutput
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Progress(FormattableString line)
    {
        Console.Out.WriteLine($"[{DateTime.Now:HH:mm:ss}] " + line.ToString(CultureInfo.InvariantCulture));
        Console.Out.Flush();
    }

    /// <summary>
    /// A measured run's figures as a progress line (<paramref name="also"/> before its slowdown): its deliveries, and how
    /// the machine ran it (the report's <c>host</c>: wall time, deliveries per wall second, slowdown).
    /// </summary>
    public static void RunFigures(RunReport report, string also = "")
    {
        var host = report.Host;
        Progress($"run: {report.Emulator.Deliveries:N0} deliveries in {host.WallSeconds:F1} wall s = {host.DeliveriesPerSecond:N0}/s, {also}slowdown {host.Slowdown:F2} (wall s per emulated s)");
    }

    /// <summary>A file each closing line is appended to as well (<c>--save</c>), so that a sweep of runs builds a file for <c>plot</c>.</summary>
    public static FileInfo? SaveTo { get; set; }

    /// <summary>Writes <paramref name="result"/> as the last line of stdout, and appends it to <see cref="SaveTo"/>.</summary>
    public static void Result<T>(T result)
    {
        var line = JsonSerializer.Serialize(result, Json);
        if (SaveTo is { } file)
        {
            file.Directory?.Create();
            File.AppendAllText(file.FullName, line + Environment.NewLine);
        }

        Console.Out.WriteLine(line);
        Console.Out.Flush();
    }

    public static double Round(double value, int digits = 1) => Math.Round(value, digits, MidpointRounding.AwayFromZero);

    /// <summary>The median of <paramref name="values"/>, halfway between the middle two for an even count; there must be one at least.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>
    /// The two variants of pair number <paramref name="pair"/> in the order they run: <paramref name="first"/> first in
    /// even pairs, <paramref name="second"/> first in odd ones, so that neither always follows the other.
    /// </summary>
    public static T[] InTurn<T>(int pair, T first, T second) => pair % 2 == 0 ? [first, second] : [second, first];
}
