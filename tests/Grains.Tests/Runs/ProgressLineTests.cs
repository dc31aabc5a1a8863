using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Silo.Commands;
using Xunit;

namespace OrleansGossip.Grains.Tests.Runs;

public sealed class ProgressLineTests
{
    [Fact]
    public void The_line_gives_the_share_of_the_expected_deliveries_when_there_is_an_expectation()
    {
        var line = ProgressLine.Format(new RunProgress("r", RunPhase.Running, 5, 20, 100, 600, 1_200, 2, null));

        Assert.Contains("t=5.0/20s", line, StringComparison.Ordinal);
        Assert.Contains("deliveries 600 (50 %)", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_expectation_the_line_gives_no_share()
    {
        var line = ProgressLine.Format(new RunProgress("r", RunPhase.Draining, 20, 20, 100, 83_447, 0, 2, null));

        Assert.Contains("deliveries 83,447  slowdown", line, StringComparison.Ordinal);
        Assert.DoesNotContain("%", line, StringComparison.Ordinal);
    }

    [Fact]
    public void The_line_ends_with_the_wall_seconds_each_emulated_second_took_and_a_dash_before_the_first()
    {
        var paced = ProgressLine.Format(new RunProgress("r", RunPhase.Running, 5, 20, 100, 600, 0, 4, null));
        var behind = ProgressLine.Format(new RunProgress("r", RunPhase.Running, 5, 20, 100, 600, 0, 9.456, null));
        var unpaced = ProgressLine.Format(new RunProgress("r", RunPhase.Running, 5, 20, 100, 600, 0, 0.031, null));
        var starting = ProgressLine.Format(new RunProgress("r", RunPhase.NotStarted, 0, 20, 0, 0, 0, 0, null));

        Assert.EndsWith("slowdown 4.00x", paced, StringComparison.Ordinal);
        Assert.EndsWith("slowdown 9.46x", behind, StringComparison.Ordinal);
        Assert.EndsWith("slowdown 0.031x", unpaced, StringComparison.Ordinal);
        Assert.EndsWith("slowdown –", starting, StringComparison.Ordinal);
    }
}
