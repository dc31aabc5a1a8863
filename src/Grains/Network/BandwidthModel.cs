using OrleansGossip.Abstractions.Messages;

namespace OrleansGossip.Grains.Network;

/// <summary>
/// One direction of a node's access link, serialising transfers at a fixed rate with strict priority: a message
/// waits only for traffic of its own or a higher class already committed, and pushes back the backlog of lower
/// classes by the time it takes. Times are emulated milliseconds.
/// </summary>
public sealed class BandwidthModel
{
    private static readonly int Classes = Enum.GetValues<Priority>().Length;
    private readonly double[] _freeAtMs = new double[Classes];
    private readonly double _msPerByte;

    public BandwidthModel(double megabitsPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(megabitsPerSecond);
        _msPerByte = 8.0 / (megabitsPerSecond * 1_000_000) * 1_000;
    }

    public double TransferMs(int bytes) => bytes * _msPerByte;

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
