using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Silo.Commands;
using Xunit;

namespace OrleansGossip.Grains.Tests.Runs;

public sealed class ProgressLineTests
{
    [Fact]
    public void The_line_gives_the_share_of_the_expected_deliveries_when_there_is_an_expectation()
    {
        var line = ProgressLine.Format(new RunProgress("r", RunPhase.Running, 5, 20, 100, 600, 1_200, 2, 10, null));

        Assert.Contains("t=5.0/20s", line, StringComparison.Ordinal);
        Assert.Contains("deliveries 600 (50 %)", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_expectation_the_line_gives_no_share()
    {
        var line = ProgressLine.Format(new RunProgress("r", RunPhase.Draining, 20, 20, 100, 83_447, 0, 2, 10, null));

        Assert.Contains("deliveries 83,447  lag", line, StringComparison.Ordinal);
        Assert.DoesNotContain("%", line, StringComparison.Ordinal);
    }

    [Fact]
    public void The_line_says_when_the_lag_is_above_the_silos_warning()
    {
        var keeping = ProgressLine.Format(new RunProgress("r", RunPhase.Running, 5, 20, 100, 600, 0, 9.5, 10, null));
        var lagging = ProgressLine.Format(new RunProgress("r", RunPhase.Running, 5, 20, 100, 600, 0, 9.5, 5, null));

        Assert.EndsWith("lag p99 9.5 ms", keeping, StringComparison.Ordinal);
        Assert.EndsWith("lag p99 9.5 ms (lagging)", lagging, StringComparison.Ordinal);
    }
}
