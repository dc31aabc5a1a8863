using OrleansGossip.Benchmarks.Plots;
using OrleansGossip.Tests.Shared;
using Xunit;

namespace OrleansGossip.Bench.Tests;

/// <summary>The figures in docs/benchmarks.md are what <c>plot</c> draws from the results kept beside them.</summary>
public sealed class DocumentedFiguresTests
{
    [Fact]
    public void The_documented_figures_are_drawn_from_the_documented_results()
    {
        var results = Directory.GetFiles(RepositoryFiles.Path("docs", "results"), "*.jsonl").Order(StringComparer.Ordinal).SelectMany(ResultLines.Read).ToList();
        var figures = BenchmarkFigures.From(results);

        Assert.NotEmpty(figures);
        Assert.Equal(
            figures.Select(f => f.Name + ".svg").Order(StringComparer.Ordinal),
            Directory.GetFiles(RepositoryFiles.Path("docs", "img"), "*.svg").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var figure in figures)
        {
            Assert.True(
                figure.ToSvgFile() == File.ReadAllText(RepositoryFiles.Path("docs", "img", figure.Name + ".svg")),
                $"docs/img/{figure.Name}.svg is not what docs/results draw: run the plot command in docs/benchmarks.md");
        }

        var page = File.ReadAllText(RepositoryFiles.Path("docs", "benchmarks.md"));
        Assert.All(figures, f => Assert.Contains($"(img/{f.Name}.svg)", page, StringComparison.Ordinal));
    }
}
