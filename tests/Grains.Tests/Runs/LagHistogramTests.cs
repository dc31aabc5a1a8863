using OrleansGossip.Abstractions.Runs;
using Xunit;

namespace OrleansGossip.Grains.Tests.Runs;

public sealed class LagHistogramTests
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.99)]
    [InlineData(0.999)]
    public void A_percentile_is_at_most_a_sixteenth_above_the_exact_one(double quantile)
    {
        var random = new Random(8);
        foreach (var draw in new Func<double>[]
        {
            () => -Math.Log(1 - random.NextDouble()) * 3,        // exponential, mean 3 ms
            () => random.NextDouble() * 400,                     // uniform up to 400 ms
            () => random.NextDouble() < 0.97 ? 0.05 : 20 + (random.NextDouble() * 180), // mostly on time, pauses
        })
        {
            var samples = Enumerable.Range(0, 20_000).Select(_ => draw()).ToList();
            var histogram = new LagHistogram();
            samples.ForEach(s => histogram.Add(s));

            samples.Sort();
            var exact = samples[(int)Math.Ceiling(quantile * samples.Count) - 1];
            var read = histogram.Percentile(quantile);
            if (exact <= 0.125)
            {
                Assert.Equal(0, read);
                continue;
            }

            Assert.InRange(read, exact, exact * (1 + (1.0 / LagHistogram.StepsPerDoubling)));
        }
    }

    [Fact]
    public void A_lag_counts_once_per_message_it_is_added_for()
    {
        // 96 messages on time and a batch of 4 taken 50 ms late: 4 % of the messages, so the p99 is late, as it would
        // not be if the batch counted once.
        var histogram = new LagHistogram();
        histogram.Add(0.05, 96);
        histogram.Add(50, 4);

        Assert.Equal(100, histogram.Count);
        Assert.InRange(histogram.Percentile(0.99), 50, 50 * (1 + (1.0 / LagHistogram.StepsPerDoubling)));
        Assert.Equal(0, histogram.Percentile(0.95));
    }

    [Fact]
    public void A_p99_between_two_powers_of_two_is_read_near_where_it_is()
    {
        // 70 ms late: buckets that doubled in width read it as 128 ms, above a 100 ms threshold it is under.
        var histogram = new LagHistogram();
        for (var i = 0; i < 985; i++)
        {
            histogram.Add(1);
        }

        for (var i = 0; i < 15; i++)
        {
            histogram.Add(70);
        }

        Assert.InRange(histogram.Percentile(0.99), 70, 75);
        Assert.InRange(histogram.Percentile(0.5), 1, 1.07);
    }

    [Fact]
    public void Each_bucket_holds_its_upper_bound_and_not_its_lower_one()
    {
        for (var bucket = 1; bucket < LagHistogram.BucketCount - 1; bucket++)
        {
            var upper = LagHistogram.UpperBoundMs(bucket);
            Assert.Equal(bucket, LagHistogram.BucketOf(upper));
            Assert.Equal(bucket + 1, LagHistogram.BucketOf(Math.BitIncrement(upper)));
            Assert.True(LagHistogram.UpperBoundMs(bucket + 1) > upper, $"bucket {bucket + 1} should end above bucket {bucket}");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(0.125)]
    [InlineData(double.NaN)]
    public void A_lag_up_to_the_first_bound_goes_in_the_first_bucket(double lagMs) =>
        Assert.Equal(0, LagHistogram.BucketOf(lagMs));

    [Theory]
    [InlineData(1e12)]
    [InlineData(double.MaxValue)]
    [InlineData(double.PositiveInfinity)]
    public void A_lag_beyond_the_last_bound_goes_in_the_last_bucket(double lagMs) =>
        Assert.Equal(LagHistogram.BucketCount - 1, LagHistogram.BucketOf(lagMs));

    [Fact]
    public void Merging_adds_counts_and_a_snapshot_starts_the_histogram_afresh()
    {
        var silo = new LagHistogram();
        silo.Add(3);
        silo.Add(50);
        var run = new LagHistogram();
        run.Add(3);

        var snapshot = silo.TakeSnapshot();
        run.Merge(snapshot);

        Assert.Equal(0, silo.Count);
        Assert.Equal(3, run.Count);
        Assert.Equal(2, run.Buckets[LagHistogram.BucketOf(3)]);
        Assert.Equal(1, run.Buckets[LagHistogram.BucketOf(50)]);
    }

    [Fact]
    public void A_histogram_of_another_shape_is_refused_and_the_counts_stay()
    {
        var run = new LagHistogram();
        run.Add(10);

        var error = Assert.Throws<ArgumentException>(() => run.Merge(new LagHistogram { Buckets = new long[24] }));

        Assert.Contains("24", error.Message);
        Assert.Equal(1, run.Count);
        Assert.Equal(1, run.Buckets[LagHistogram.BucketOf(10)]);
    }
}
