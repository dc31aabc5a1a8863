namespace OrleansGossip.Abstractions.Reports;

/// <summary>Percentiles of a distribution, in milliseconds; <see cref="Count"/> samples, none when it is 0.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Immutable]
public sealed record Percentiles
{
    public int Count { get; init; }

    public double? P50 { get; init; }

    public double? P90 { get; init; }

    public double? P99 { get; init; }

    public double? Max { get; init; }

    public static Percentiles Empty { get; } = new();

    /// <summary>Nearest-rank percentiles of <paramref name="samples"/>, which this sorts in place.</summary>
    public static Percentiles Of(List<double> samples)
    {
        if (samples.Count == 0)
        {
            return Empty;
        }

        samples.Sort();
        return new Percentiles
        {
            Count = samples.Count,
            P50 = Round(Rank(samples, 0.50)),
            P90 = Round(Rank(samples, 0.90)),
            P99 = Round(Rank(samples, 0.99)),
            Max = Round(samples[^1]),
        };
    }

    /// <summary>Microsecond precision: finer digits would be noise from the scheduler.</summary>
    private static double Round(double ms) => Math.Round(ms, 3);

    public static double Rank(IReadOnlyList<double> sorted, double quantile)
    {
        var index = (int)Math.Ceiling(quantile * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }
}
