using OrleansGossip.Abstractions.Reports;
using OrleansGossip.Abstractions.Runs;

namespace OrleansGossip.Grains.Runs;

/// <summary>
/// A run's delivery lag as it went: each silo's lag report lands in the slice of emulated run time it was made in.
/// Slices start a few progress reports wide; when a run outgrows <see cref="MaxSlices"/>, neighbours merge pairwise and
/// slices double in width, so a run of any length keeps a timeline of bounded size.
/// </summary>
public sealed class LagTimeline
{
    public const int MaxSlices = 240;

    private readonly List<LagHistogram?> _slices = [];

    public LagTimeline(double sliceSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sliceSeconds);
        SliceSeconds = sliceSeconds;
    }

    /// <summary>The emulated seconds each slice covers now.</summary>
    public double SliceSeconds { get; private set; }

    /// <summary>Adds the lag a silo counted, to the slice holding <paramref name="atSeconds"/> of emulated run time.</summary>
    public void Add(double atSeconds, LagHistogram lag)
    {
        if (lag.Count == 0)
        {
            return;
        }

        var at = Math.Max(0, atSeconds);
        while (at / SliceSeconds >= MaxSlices)
        {
            Coarsen();
        }

        var index = (int)(at / SliceSeconds);
        while (_slices.Count <= index)
        {
            _slices.Add(null);
        }

        (_slices[index] ??= new LagHistogram()).Merge(lag);
    }

    /// <summary>
    /// The slices in which nodes took deliveries, their lag in emulated milliseconds (the histograms count wall
    /// milliseconds). Slices in which none was taken are left out rather than shown as on time.
    /// </summary>
    public IReadOnlyList<LagSlice> ToSlices(double timeScale) =>
        _slices
            .Select((lag, i) => (Lag: lag, Index: i))
            .Where(s => s.Lag is not null)
            .Select(s => new LagSlice(
                s.Index * SliceSeconds,
                (s.Index + 1) * SliceSeconds,
                s.Lag!.Count,
                s.Lag.Percentile(0.99) / timeScale,
                s.Lag.Percentile(1) / timeScale))
            .ToList();

    private void Coarsen()
    {
        for (var i = 0; i < _slices.Count; i += 2)
        {
            var merged = _slices[i];
            if (i + 1 < _slices.Count && _slices[i + 1] is { } next)
            {
                (merged ??= new LagHistogram()).Merge(next);
            }

            _slices[i / 2] = merged;
        }

        _slices.RemoveRange((_slices.Count + 1) / 2, _slices.Count - ((_slices.Count + 1) / 2));
        SliceSeconds *= 2;
    }
}
