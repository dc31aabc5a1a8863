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
            BenchmarkOutput.Result(new ScaleResult { Scenario = "ic-app-subnet", Subnets = 200, TimeScale = 10, LagMsP99 = 6.2, LagWarningMs = 10 });
            BenchmarkOutput.Result(new ScaleResult { Scenario = "ic-app-subnet", Subnets = 300, TimeScale = 10, LagMsP99 = 12.4, Lagging = true, LagWarningMs = 10 });
            BenchmarkOutput.Result(new FidelityResult
            {
                TimeScale = 1,
                TolerancePercent = 5,
                Cases = [new FidelityCase(13, 1024, 5, 150.1, 153.9, 152.8, 158.6, 2.5, 0.1, false, true)],
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

    public void Dispose() => _folder.Delete(recursive: true);
}
