using System.Xml.Linq;
using OrleansGossip.Benchmarks.Plots;
using Xunit;

namespace OrleansGossip.Bench.Tests;

public sealed class PlotCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("plot-tests-");

    [Fact]
    public void A_console_log_of_runs_becomes_one_svg_file_per_figure()
    {
        var log = Write("runs.log",
            "[12:00:00] throughput: 10 subnets x 13 nodes",
            BenchmarkFiguresTests.Throughput(rate: 300, delivered: 35_000, lag: 4, lagging: false),
            "[12:01:00] scale: 200 subnets",
            BenchmarkFiguresTests.Scale(subnets: 200, lag: 6.2, lagging: false, pauseShare: 0.03),
            """{"mode":"memory","nodes":100000}""");
        var output = new DirectoryInfo(Path.Combine(_folder.FullName, "plots"));
        var (console, errors) = (new StringWriter(), new StringWriter());

        var exit = PlotCommand.Execute([log], output, console, errors);

        Assert.Equal(0, exit);
        Assert.Equal("", errors.ToString());
        Assert.Equal(
            ["scale-gc.svg", "scale-lag.svg", "throughput-cpu.svg", "throughput-deliveries.svg", "throughput-lag.svg"],
            output.GetFiles().Select(f => f.Name).Order());
        // A picture on its own, as a browser or a Markdown page shows a file: XML in the SVG namespace.
        var svg = XDocument.Load(Path.Combine(output.FullName, "throughput-lag.svg")).Root!;
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Name);
        Assert.Equal("Lag p99 against offered load", svg.Element(ns + "title")?.Value);
        Assert.Contains("memory: no figures for this mode", console.ToString());
    }

    [Fact]
    public void A_broken_line_stops_the_plot_naming_its_file_and_line_and_writes_nothing()
    {
        var good = Write("good.jsonl", BenchmarkFiguresTests.Throughput(rate: 300, delivered: 35_000, lag: 4, lagging: false));
        var broken = Write("broken.jsonl", "[12:00:00] progress", """{"mode":"throughput","deliveriesPerSecond":""");
        var output = new DirectoryInfo(Path.Combine(_folder.FullName, "plots"));
        var errors = new StringWriter();

        var exit = PlotCommand.Execute([good, broken], output, TextWriter.Null, errors);

        Assert.Equal(1, exit);
        Assert.StartsWith($"error: {broken.FullName}:2: not a JSON object:", errors.ToString());
        Assert.False(output.Exists);
    }

    [Fact]
    public void Files_without_plottable_results_or_missing_files_are_errors()
    {
        var memory = Write("memory.jsonl", """{"mode":"memory","nodes":100000}""");
        var output = new DirectoryInfo(Path.Combine(_folder.FullName, "plots"));
        var errors = new StringWriter();

        Assert.Equal(1, PlotCommand.Execute([memory], output, TextWriter.Null, errors));
        Assert.Contains("no throughput, scale, fidelity, bandwidth results in", errors.ToString());

        errors.GetStringBuilder().Clear();
        var missing = new FileInfo(Path.Combine(_folder.FullName, "missing.jsonl"));
        Assert.Equal(1, PlotCommand.Execute([missing], output, TextWriter.Null, errors));
        Assert.Equal($"error: {missing.FullName}: no such file", errors.ToString().TrimEnd());
    }

    [Fact]
    public void A_line_without_a_mode_is_refused()
    {
        var error = Assert.Throws<ResultFormatException>(() => BenchmarkFiguresTests.Read("""{"deliveriesPerSecond":1}"""));
        Assert.Equal("results.jsonl:1: a result needs a \"mode\" (a string such as \"throughput\")", error.Message);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private FileInfo Write(string name, params string[] lines)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllLines(path, lines);
        return new FileInfo(path);
    }
}
