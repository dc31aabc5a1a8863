namespace OrleansGossip.Abstractions.Runs;

/// <summary>
/// How late nodes took the messages delivered to them, in wall milliseconds, as counts of messages in buckets. The first holds everything up to
/// 0.125 ms; above it each doubling is cut into <see cref="StepsPerDoubling"/> buckets of equal width, so that a
/// percentile read as its bucket's upper bound is never more than a sixteenth above the true value, whatever the
/// scale. Cheap to add to, to merge and to ship.
/// </summary>
[GenerateSerializer]
public sealed class LagHistogram
{
    public const int StepsPerDoubling = 16;
    public const int Doublings = 24;
    public const int BucketCount = 1 + (Doublings * StepsPerDoubling);
    private const double FirstBucketMs = 0.125;

    [Id(0)] public long[] Buckets { get; init; } = new long[BucketCount];

    public long Count => Buckets.Sum();

    /// <summary>
    /// The bucket of a lag: 0 up to <see cref="FirstBucketMs"/>; above it, the doubling it falls in and the step
    /// within that doubling, each bucket holding its upper bound but not its lower one.
    /// </summary>
    public static int BucketOf(double lagMs)
    {
        if (!(lagMs > FirstBucketMs))
        {
            return 0;
        }

        var ratio = lagMs / FirstBucketMs;
        if (double.IsPositiveInfinity(ratio))
        {
            return BucketCount - 1;
        }

        var doubling = Math.ILogB(ratio);
        var step = (int)Math.Ceiling((Math.ScaleB(ratio, -doubling) - 1) * StepsPerDoubling);
        if (step == 0)
        {
            // Exactly a power of two: the top of the doubling below.
            doubling--;
            step = StepsPerDoubling;
        }

        return (int)Math.Min((doubling * (long)StepsPerDoubling) + step, BucketCount - 1);
    }

    /// <summary>The upper bound of a bucket, in wall milliseconds.</summary>
    public static double UpperBoundMs(int bucket)
    {
        if (bucket <= 0)
        {
            return FirstBucketMs;
        }

        var doubling = (bucket - 1) / StepsPerDoubling;
        var step = ((bucket - 1) % StepsPerDoubling) + 1;
        return Math.ScaleB(FirstBucketMs, doubling) * (1 + ((double)step / StepsPerDoubling));
    }

    /// <summary>Counts <paramref name="count"/> messages taken <paramref name="lagMs"/> after they were due.</summary>
    public void Add(double lagMs, long count = 1) => Interlocked.Add(ref Buckets[BucketOf(lagMs)], count);

    /// <summary>Adds another histogram's counts to this one's; one of another shape (from another version) is refused.</summary>
    public void Merge(LagHistogram other)
    {
        if (other.Buckets.Length != BucketCount)
        {
            throw new ArgumentException(
                $"a lag histogram has {BucketCount} buckets; this one has {other.Buckets.Length}, so it comes from another version of the emulator",
                nameof(other));
        }

        for (var i = 0; i < BucketCount; i++)
        {
            Buckets[i] += other.Buckets[i];
        }
    }

    /// <summary>The upper bound of the bucket holding the <paramref name="quantile"/>; 0 when empty or in the first bucket.</summary>
    public double Percentile(double quantile)
    {
        var total = Count;
        if (total == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(quantile * total));
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
