using System.Text.Json;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Silo.Commands;
using OrleansGossip.Silo.Reports;
using OrleansGossip.Silo.Reports.Comparison;
using OrleansGossip.Tests.Shared;
using Xunit;

namespace OrleansGossip.Grains.Tests.Reports;

/// <summary>The <c>compare</c> command end to end, through the command line, on an embedded silo.</summary>
public sealed class CompareCommandTests : IDisposable
{
    private const string Scenario = """
        {
          "name": "tiny-compare",
          "seed": 3,
          "protocol": "advert-gossip",
          "timeScale": 0.5,
          "durationSeconds": 2,
          "drainSeconds": 10,
          "subnets": [ { "id": "app", "nodes": 4, "link": { "latencyMs": 10 }, "bandwidthMbps": 300 } ],
          "workload": {
            "ingress": { "ratePerSecond": 20, "sizeBytes": 1024 },
            "blocks": { "intervalSeconds": 0.5, "sizeBytes": 65536 }
          }
        }
        """;

    private readonly TempFolder _folder = new("compare");

    [Fact]
    public async Task Compare_runs_each_protocol_and_writes_their_reports_and_the_comparison()
    {
        var scenario = _folder.Path("tiny.json");
        await File.WriteAllTextAsync(scenario, Scenario, TestContext.Current.CancellationToken);
        var output = _folder.Path("out");

        var exitCode = await EmulatorCommandLine.Create()
            .Parse(["compare", scenario, "--protocols", "advert-gossip,flooding", "--out", output])
            .InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(0, exitCode);
        foreach (var protocol in new[] { "advert-gossip", "flooding" })
        {
            foreach (var file in new[] { ReportWriter.JsonFileName, ReportWriter.CsvFileName, ReportWriter.HtmlFileName, EventLog.FileName })
            {
                Assert.True(File.Exists(Path.Combine(output, protocol, file)), $"{protocol}/{file} is missing");
            }

            var csv = await File.ReadAllLinesAsync(Path.Combine(output, protocol, ReportWriter.CsvFileName), TestContext.Current.CancellationToken);
            Assert.True(csv.Length > 10, $"{protocol}: {csv.Length - 1} artifact rows");

            // Nothing came into the runs from outside: their event logs are empty.
            Assert.Empty(EventLog.Read(Path.Combine(output, protocol, EventLog.FileName)));
        }

        await using var json = File.OpenRead(Path.Combine(output, ComparisonWriter.JsonFileName));
        var comparison = await JsonSerializer.DeserializeAsync<ComparisonReport>(json, ScenarioLoader.JsonOptions, TestContext.Current.CancellationToken);
        Assert.NotNull(comparison);
        Assert.Equal(["advert-gossip", "flooding"], comparison.Protocols);
        Assert.Equal(3UL, comparison.Seed);
        Assert.All(comparison.Runs, run => Assert.True(run.Host.WallSeconds > 0, $"{run.Protocol}: {run.Host.WallSeconds} wall s"));
        var kinds = Assert.Single(comparison.Subnets).Kinds;
        Assert.Equal(["block-proposal", "ingress"], kinds.Select(k => k.Kind).Order());
        foreach (var kind in kinds)
        {
            var advert = kind.Protocols["advert-gossip"];
            var flooding = kind.Protocols["flooding"];
            Assert.Equal(advert.Artifacts, flooding.Artifacts);
            Assert.True(advert.Artifacts > 0, $"{kind.Kind}: no artifacts");
            Assert.True(flooding.DuplicateRatio > advert.DuplicateRatio, $"{kind.Kind}: flooding duplicates {flooding.DuplicateRatio}, advert-gossip {advert.DuplicateRatio}");
        }

        var html = await File.ReadAllTextAsync(Path.Combine(output, ComparisonWriter.HtmlFileName), TestContext.Current.CancellationToken);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_protocol_is_refused_before_anything_runs()
    {
        var output = _folder.Path("never");

        var exitCode = await EmulatorCommandLine.Create()
            .Parse(["compare", _folder.Path("absent.json"), "--protocols", "advert-gossip,gossipsub", "--out", output])
            .InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.False(Directory.Exists(output));
        Assert.False(CompareCommand.TryParseProtocols("flooding,FLOODING", out _, out var twice));
        Assert.Contains("twice", twice, StringComparison.Ordinal);
        Assert.True(CompareCommand.TryParseProtocols(" Flooding , advert-gossip ", out var names, out _));
        Assert.Equal(["flooding", "advert-gossip"], names);
    }

    public void Dispose() => _folder.Dispose();
}
