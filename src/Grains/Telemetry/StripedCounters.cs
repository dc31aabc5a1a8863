using System.Numerics;

namespace OrleansGossip.Grains.Telemetry;

/// <summary>
/// A fixed set of counters that many threads add to at a high rate: each thread adds to its own stripe (chosen by
/// its managed thread id), so that the silo's worker threads do not fight over one cache line per counter; a read
/// sums the stripes.
/// </summary>
public sealed class StripedCounters
{
    /// <summary>Longs per 64-byte cache line: stripes start on a line of their own.</summary>
    private const int LineLongs = 8;

    private readonly long[] _values;
    private readonly int _stride;
    private readonly int _mask;

    public StripedCounters(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        Count = count;
        var stripes = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(4, Environment.ProcessorCount * 2));
        _mask = stripes - 1;
        _stride = ((count + LineLongs - 1) / LineLongs * LineLongs) + LineLongs;
        _values = new long[stripes * _stride];
    }

    public int Count { get; }

    public void Add(int counter, long value)
    {
        var stripe = Environment.CurrentManagedThreadId & _mask;
        Interlocked.Add(ref _values[(stripe * _stride) + counter], value);
    }

    public long Read(int counter)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)counter, (uint)Count);
        long sum = 0;
        for (var offset = counter; offset < _values.Length; offset += _stride)
        {
            sum += Volatile.Read(ref _values[offset]);
        }

        return sum;
    }
}
