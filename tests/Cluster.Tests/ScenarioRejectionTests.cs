using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Abstractions.Scenarios;
using Xunit;

namespace OrleansGossip.Cluster.Tests;

/// <summary>A run refuses a bad scenario before it creates anything.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ScenarioRejectionTests(ClusterFixture fixture)
{
    [Theory]
    [InlineData("one-node-subnet", "$.subnets[0].nodes")]
    [InlineData("unknown-protocol", "$.protocol")]
    [InlineData("negative-time-scale", "$.timeScale")]
    [InlineData("no-honest-node", "$.subnets[0].behaviours")]
    [InlineData("unknown-behaviour", "$.subnets[0].behaviours[0].behaviour")]
    [InlineData("zero-download-timeout", "$.gossip.downloadTimeoutMs")]
    [InlineData("oversized-block", "$.workload.blocks.sizeBytes")]
    public async Task A_scenario_with_an_error_is_refused_naming_the_field_and_creates_nothing(string error, string field)
    {
        var valid = TestScenarios.Traffic(GossipProtocol.AdvertGossip);
        var subnet = valid.Subnets[0];
        var scenario = error switch
        {
            "one-node-subnet" => valid with { Subnets = [subnet with { Nodes = 1 }] },
            "unknown-protocol" => valid with { Protocol = "telepathy" },
            "negative-time-scale" => valid with { TimeScale = -1 },
            "no-honest-node" => valid with { Subnets = [subnet with { Behaviours = [new BehaviourSpec { Behaviour = "withhold", Count = subnet.Nodes }] }] },
            "unknown-behaviour" => valid with { Subnets = [subnet with { Behaviours = [new BehaviourSpec { Behaviour = "sulk", Count = 1 }] }] },
            "zero-download-timeout" => valid with { Gossip = new GossipSettings { DownloadTimeoutMs = 0 } },
            "oversized-block" => valid with { Workload = valid.Workload with { Blocks = new BlockSpec { SizeBytes = 5 * 1024 * 1024 } } },
            _ => throw new ArgumentOutOfRangeException(nameof(error), error, null),
        };
        var runId = TestRuns.NewId("refused");
        var run = fixture.Grains.GetGrain<IRunGrain>(runId);

        var refused = await Assert.ThrowsAsync<ScenarioException>(() => run.StartAsync(scenario));

        Assert.Contains(field, refused.Message, StringComparison.Ordinal);
        var problem = Assert.Single(refused.Problems);
        Assert.Equal(field, problem.Path);
        Assert.False(string.IsNullOrWhiteSpace(problem.Message));

        var registry = await fixture.Grains.GetGrain<IRegistryGrain>(runId).GetSnapshotAsync();
        Assert.Equal(0, registry.Version);
        Assert.Empty(registry.Subnets);
        Assert.Empty(registry.Nodes);
        var progress = await run.GetProgressAsync();
        Assert.Equal(RunPhase.NotStarted, progress.Phase);
        Assert.Null(await run.GetReportAsync());
    }
}
