using OrleansGossip.Benchmarks;
using OrleansGossip.Benchmarks.Plots;
using Xunit;

namespace OrleansGossip.Bench.Tests;

/// <summary><c>--save</c>: the closing lines of runs build a file that <c>plot</c> reads as the benchmarks wrote it.</summary>
public sealed class SavedResultsTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("saved-results-");

    [Fact]
    public void Each_run_appends_its_closing_line_and_plot_draws_the_file()
    {
        var file = new FileInfo(Path.Combine(_folder.FullName, "sweep", "runs.jsonl"));
        BenchmarkOutput.SaveTo = file;
        try
        {
            // Scale results as the wall-clock emulator wrote them, with its lag.
            BenchmarkOutput.Result(new WallClockScaleResult { Scenario = "ic-app-subnet", Subnets = 200, TimeScale = 10, LagMsP99 = 6.2, LagWarningMs = 10 });
            BenchmarkOutput.Result(new WallClockScaleResult { Scenario = "ic-app-subnet", Subnets = 300, TimeScale = 10, LagMsP99 = 12.4, Lagging = true, LagWarningMs = 10 });
            BenchmarkOutput.Result(new FidelityResult
            {
                TimeScale = 1,
                TolerancePercent = 5,
                Cases = [new FidelityCase(13, 1024, 5, 150.1, 153.9, 152.8, 158.6, 2.5, 1, true)],
            });
        }
        finally
        {
            BenchmarkOutput.SaveTo = null;
        }

        var results = ResultLines.Read(file.FullName);
        Assert.Equal(["scale", "scale", "fidelity"], results.Select(r => r.Mode));
        var figures = BenchmarkFigures.From(results);

        var lag = Assert.IsType<LineFigure>(figures.Single(f => f.Name == "scale-lag"));
        Assert.Equal([(200.0, 6.2), (300.0, 12.4)], lag.Series[0].Points);
        Assert.Equal("lag warning", lag.Series[1].Name);
        Assert.Equal([(300.0, 12.4)], lag.Series[2].Points);
        var error = Assert.IsType<BarFigure>(figures.Single(f => f.Name == "fidelity-error"));
        Assert.Equal(["N = 13, 1 KiB"], error.Categories);
        Assert.Equal([2.5], error.Series[0].Values);
    }

    [Fact]
    public void A_result_of_virtual_time_saves_its_slowdown_and_plot_draws_it_apart_from_the_lag_before()
    {
        var file = new FileInfo(Path.Combine(_folder.FullName, "virtual", "runs.jsonl"));
        BenchmarkOutput.SaveTo = file;
        try
        {
            BenchmarkOutput.Result(new ScaleResult { Scenario = "ic-app-subnet", Subnets = 200, TimeScale = 10, Slowdown = 10 });
            BenchmarkOutput.Result(new ScaleResult { Scenario = "ic-app-subnet", Subnets = 300, TimeScale = 10, Slowdown = 12.5 });
            BenchmarkOutput.Result(new WallClockScaleResult { Scenario = "ic-app-subnet", Subnets = 200, TimeScale = 10, LagMsP99 = 6.2, LagWarningMs = 10 });
        }
        finally
        {
            BenchmarkOutput.SaveTo = null;
        }

        var results = ResultLines.Read(file.FullName);
        Assert.All(results.Take(2), r => Assert.False(r.Json.TryGetProperty("lagMsP99", out _), "a result of virtual time gives a lag"));
        var figures = BenchmarkFigures.From(results);

        var slowdown = Assert.IsType<LineFigure>(figures.Single(f => f.Name == "scale-slowdown"));
        var line = Assert.Single(slowdown.Series);
        Assert.Equal("slowdown", line.Name);
        Assert.Equal([(200.0, 10.0), (300.0, 12.5)], line.Points);
        var lag = Assert.IsType<LineFigure>(figures.Single(f => f.Name == "scale-lag"));
        Assert.Equal([(200.0, 6.2)], lag.Series[0].Points);
        Assert.DoesNotContain(lag.Series, s => s.Name.StartsWith("virtual time", StringComparison.Ordinal));
    }

    public void Dispose() => _folder.Delete(recursive: true);

    /// <summary>The closing line of <c>scale</c> as the benchmarks wrote it before virtual time, with the run's lag.</summary>
    private sealed record WallClockScaleResult
    {
        public string Mode { get; init; } = "scale";

        public string Scenario { get; init; } = "";

        public int Subnets { get; init; }

        public double TimeScale { get; init; }

        public double LagMsP99 { get; init; }

        public string LagCountedAt { get; init; } = "node";

        public string LagCountedPer { get; init; } = "message";

        public string RunLongTables { get; init; } = "native";

        public bool Lagging { get; init; }

        public double LagWarningMs { get; init; }
    }
}
