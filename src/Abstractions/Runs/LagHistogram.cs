namespace OrleansGossip.Abstractions.Runs;

/// <summary>
/// How late scheduled deliveries fired, in wall milliseconds, as counts in buckets that double in width
/// (under 0.125 ms, under 0.25 ms, ...). Cheap to add to, to merge and to ship.
/// </summary>
[GenerateSerializer]
public sealed class LagHistogram
{
    public const int BucketCount = 24;
    private const double FirstBucketMs = 0.125;

    [Id(0)] public long[] Buckets { get; init; } = new long[BucketCount];

    public long Count => Buckets.Sum();

    public static int BucketOf(double lagMs)
    {
        if (!(lagMs > FirstBucketMs))
        {
            return 0;
        }

        var bucket = (int)Math.Ceiling(Math.Log2(lagMs / FirstBucketMs));
        return Math.Clamp(bucket, 0, BucketCount - 1);
    }

    /// <summary>The upper bound of a bucket, in wall milliseconds.</summary>
    public static double UpperBoundMs(int bucket) => FirstBucketMs * Math.Pow(2, bucket);

    public void Add(double lagMs) => Interlocked.Increment(ref Buckets[BucketOf(lagMs)]);

    public void Merge(LagHistogram other)
    {
        for (var i = 0; i < BucketCount; i++)
        {
            Buckets[i] += other.Buckets[i];
        }
    }

    /// <summary>The upper bound of the bucket holding the <paramref name="quantile"/>; 0 when empty.</summary>
    public double Percentile(double quantile)
    {
        var total = Count;
        if (total == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            seen += Buckets[i];
            if (seen >= rank)
            {
                return i == 0 ? 0 : UpperBoundMs(i);
            }
        }

        return UpperBoundMs(BucketCount - 1);
    }

    /// <summary>Takes the counts so far into a new histogram and starts this one afresh.</summary>
    public LagHistogram TakeSnapshot()
    {
        var snapshot = new LagHistogram();
        for (var i = 0; i < BucketCount; i++)
        {
            snapshot.Buckets[i] = Interlocked.Exchange(ref Buckets[i], 0);
        }

        return snapshot;
    }
}
