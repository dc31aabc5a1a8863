using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Grains.Runs;
using Xunit;

namespace OrleansGossip.Grains.Tests.Runs;

public sealed class LagTimelineTests
{
    [Fact]
    public void Each_report_lands_in_the_slice_of_its_time_and_reads_in_emulated_milliseconds()
    {
        var timeline = new LagTimeline(sliceSeconds: 1);
        timeline.Add(0.4, Lags(20, count: 100));
        timeline.Add(0.9, Lags(40, count: 100));
        timeline.Add(3.5, Lags(400, count: 10));

        var slices = timeline.ToSlices(timeScale: 10);

        Assert.Collection(
            slices,
            first =>
            {
                Assert.Equal((0, 1, 200), (first.FromSeconds, first.ToSeconds, first.Messages));
                Assert.InRange(first.LagMsP99, 4, 4 * 17 / 16.0);
                Assert.InRange(first.LagMsMax, 4, 4 * 17 / 16.0);
            },
            // Nothing was taken from 1 to 3 s: those slices say nothing rather than "on time".
            late =>
            {
                Assert.Equal((3, 4, 10), (late.FromSeconds, late.ToSeconds, late.Messages));
                Assert.InRange(late.LagMsMax, 40, 40 * 17 / 16.0);
            });
    }

    [Fact]
    public void The_worst_of_a_slice_is_not_its_p99()
    {
        var timeline = new LagTimeline(sliceSeconds: 1);
        timeline.Add(0.5, Lags(1, count: 999));
        timeline.Add(0.5, Lags(500, count: 1));

        var slice = Assert.Single(timeline.ToSlices(timeScale: 1));

        Assert.InRange(slice.LagMsP99, 1, 17 / 16.0);
        Assert.InRange(slice.LagMsMax, 500, 500 * 17 / 16.0);
    }

    [Fact]
    public void A_long_run_merges_neighbouring_slices_and_keeps_every_count()
    {
        var timeline = new LagTimeline(sliceSeconds: 0.1);
        var reports = 10 * LagTimeline.MaxSlices;
        for (var i = 0; i < reports; i++)
        {
            // The lag grows with the run, so a merged slice shows the worst of the two it took in.
            timeline.Add((i * 0.1) + 0.05, Lags(1 + i, count: 3));
        }

        var slices = timeline.ToSlices(timeScale: 1);

        Assert.InRange(slices.Count, LagTimeline.MaxSlices / 2, LagTimeline.MaxSlices);
        Assert.Equal(3L * reports, slices.Sum(s => s.Messages));
        Assert.Equal(1.6, timeline.SliceSeconds, precision: 9);
        Assert.All(slices.Zip(slices.Skip(1)), pair => Assert.Equal(pair.First.ToSeconds, pair.Second.FromSeconds, precision: 9));
        Assert.InRange(slices[^1].LagMsMax, reports, reports * 17 / 16.0);
    }

    [Fact]
    public void Reports_without_lag_counts_and_before_the_run_are_taken_as_they_should_be()
    {
        var timeline = new LagTimeline(sliceSeconds: 1);
        timeline.Add(2.5, new LagHistogram());
        Assert.Empty(timeline.ToSlices(timeScale: 1));

        // A report made in the run's first moments is placed before its start by the half interval: it counts at 0.
        timeline.Add(-0.2, Lags(5, count: 1));
        Assert.Equal(0, Assert.Single(timeline.ToSlices(timeScale: 1)).FromSeconds);
    }

    private static LagHistogram Lags(double ms, int count)
    {
        var lag = new LagHistogram();
        for (var i = 0; i < count; i++)
        {
            lag.Add(ms);
        }

        return lag;
    }
}
