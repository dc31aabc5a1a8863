using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

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

    /// <summary>Writes <paramref name="result"/> as the last line of stdout.</summary>
    public static void Result<T>(T result)
    {
        Console.Out.WriteLine(JsonSerializer.Serialize(result, Json));
        Console.Out.Flush();
    }

    public static double Round(double value, int digits = 1) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
}
