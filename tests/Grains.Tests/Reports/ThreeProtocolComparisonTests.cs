using System.Text.Json;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Silo.Commands;
using OrleansGossip.Silo.Reports.Comparison;
using OrleansGossip.Tests.Shared;
using Xunit;

namespace OrleansGossip.Grains.Tests.Reports;

/// <summary>The library's <c>ic-app-subnet</c>, shortened, compared under all three protocols end to end.</summary>
public sealed class ThreeProtocolComparisonTests : IDisposable
{
    private readonly TempFolder _folder = new("three");

    [Fact]
    public async Task Advert_gossip_abortable_broadcast_and_flooding_all_run_ic_app_subnet_and_differ_as_expected()
    {
        var library = ScenarioLoader.LoadFile(RepositoryFiles.Path("scenarios", "ic-app-subnet.json"));
        var shortened = library with { DurationSeconds = 4, DrainSeconds = 2, TimeScale = 1 };
        var scenario = _folder.Path("ic-app-subnet-short.json");
        await File.WriteAllTextAsync(scenario, JsonSerializer.Serialize(shortened, ScenarioLoader.JsonOptions), TestContext.Current.CancellationToken);
        var output = _folder.Path("out");

        var exitCode = await EmulatorCommandLine.Create()
            .Parse(["compare", scenario, "--protocols", "advert-gossip,abortable-broadcast,flooding", "--out", output])
            .InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(0, exitCode);
        await using var json = File.OpenRead(Path.Combine(output, ComparisonWriter.JsonFileName));
        var comparison = await JsonSerializer.DeserializeAsync<ComparisonReport>(json, ScenarioLoader.JsonOptions, TestContext.Current.CancellationToken);
        Assert.NotNull(comparison);
        Assert.Equal(["advert-gossip", "abortable-broadcast", "flooding"], comparison.Protocols);
        var subnet = Assert.Single(comparison.Subnets);
        var kinds = subnet.Kinds.ToDictionary(k => k.Kind);
        Assert.NotNull(subnet.Consensus);
        foreach (var protocol in comparison.Protocols)
        {
            Assert.True(subnet.Consensus[protocol].FinalizedHeight >= 2, $"{protocol} finalized only {subnet.Consensus[protocol].FinalizedHeight} heights");
        }

        // Shares are pushed whole by Abortable Broadcast (one trip) and adverted then fetched by advert gossip (three).
        var shares = kinds["notarization-share"].Protocols;
        Assert.True(shares["abortable-broadcast"].LatencyP50Ms < shares["advert-gossip"].LatencyP50Ms,
            $"notarization shares: abortable-broadcast p50 {shares["abortable-broadcast"].LatencyP50Ms} ms, advert-gossip {shares["advert-gossip"].LatencyP50Ms} ms");
        foreach (var kind in kinds.Values)
        {
            Assert.InRange(kind.Protocols["advert-gossip"].DuplicateRatio, 0.99, 1.05);
            Assert.InRange(kind.Protocols["abortable-broadcast"].DuplicateRatio, 0.99, 1.05);
            Assert.True(kind.Protocols["flooding"].DuplicateRatio > 5, $"{kind.Kind}: flooding duplicates {kind.Protocols["flooding"].DuplicateRatio}");
        }
    }

    public void Dispose() => _folder.Dispose();
}
