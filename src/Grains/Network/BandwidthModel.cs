using OrleansGossip.Abstractions.Messages;

namespace OrleansGossip.Grains.Network;

/// <summary>
/// One direction of a node's access link, serialising transfers at a fixed rate with strict priority: a message
/// waits only for traffic of its own or a higher class already committed, and pushes back the backlog of lower
/// classes by the time it takes. Times are emulated milliseconds, and may be negative (before the run's epoch): an
/// unused link is free at any time.
/// </summary>
public sealed class BandwidthModel
{
    private static readonly int Classes = Enum.GetValues<Priority>().Length;
    private readonly double[] _freeAtMs = Enumerable.Repeat(double.NegativeInfinity, Classes).ToArray();
    private readonly double _msPerByte;

    public BandwidthModel(double megabitsPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(megabitsPerSecond);
        _msPerByte = 8.0 / (megabitsPerSecond * 1_000_000) * 1_000;
    }

    public double TransferMs(int bytes) => bytes * _msPerByte;

    /// <summary>How far ahead of <paramref name="nowMs"/> the link is booked for traffic of <paramref name="priority"/>: its queue, in time.</summary>
    public double BacklogMs(Priority priority, double nowMs) => Math.Max(0, _freeAtMs[(int)priority] - nowMs);

    /// <summary>When a transfer of <paramref name="bytes"/> that cannot finish before <paramref name="earliestEndMs"/> finishes.</summary>
    public double Reserve(double earliestEndMs, int bytes, Priority priority) => Reserve(earliestEndMs, bytes, priority, 1);

    /// <summary>
    /// As <see cref="Reserve(double, int, Priority)"/>, for a transfer sent at <paramref name="rateFraction"/> of the
    /// link's rate (a slow node serving a body): it takes the link for that much longer.
    /// </summary>
    public double Reserve(double earliestEndMs, int bytes, Priority priority, double rateFraction)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rateFraction);
        var duration = TransferMs(bytes) / rateFraction;
        var cls = (int)priority;
        var end = Math.Max(earliestEndMs, _freeAtMs[cls] + duration);
        _freeAtMs[cls] = end;
        for (var lower = cls + 1; lower < Classes; lower++)
        {
            _freeAtMs[lower] = Math.Max(_freeAtMs[lower] + duration, end);
        }

        return end;
    }
}
