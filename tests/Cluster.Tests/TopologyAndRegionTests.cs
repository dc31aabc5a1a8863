using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Abstractions.Scenarios;
using Xunit;

namespace OrleansGossip.Cluster.Tests;

/// <summary>Subnets that are not full meshes, and nodes placed in regions far apart.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TopologyAndRegionTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Ring_random_regular_and_small_world_subnets_give_nodes_their_neighbours_as_peers_and_deliver_everything()
    {
        ScenarioSpec Scenario(string topology, int nodes, int? degree) => RunLogs.Ingress(topology, nodes, durationSeconds: 2, drainSeconds: 10) with
        {
            Subnets = [TestScenarios.SubnetOf(nodes) with { Topology = topology, Degree = degree, RewireProbability = 0.3 }],
            Gossip = new GossipSettings { DownloadTimeoutMs = 1_000 },
        };
        var cases = new (string Topology, int Nodes, int? Degree)[] { ("ring", 6, null), ("random-regular", 8, 3), ("small-world", 10, 4) };
        var runIds = cases.Select(c => TestRuns.NewId(c.Topology)).ToList();

        var reports = await Task.WhenAll(cases.Select((c, i) => fixture.Grains.RunToCompletionAsync(runIds[i], Scenario(c.Topology, c.Nodes, c.Degree))));

        for (var c = 0; c < cases.Length; c++)
        {
            var (topology, nodes, degree) = cases[c];
            var kind = Assert.Single(Assert.Single(reports[c].Subnets).Kinds);
            Assert.True(kind.Artifacts > 0);
            Assert.True(kind.DeliveryRatio == 1, $"{topology}: delivery ratio {kind.DeliveryRatio}");

            var statuses = await Task.WhenAll(fixture.Grains.Nodes(runIds[c], nodes).Select(n => n.GetStatusAsync()));
            foreach (var status in statuses)
            {
                Assert.All(status.Peers, p => Assert.Contains(status.Node, statuses.Single(s => s.Node == p).Peers));
            }

            var degrees = statuses.Select(s => s.Peers.Count).ToList();
            switch (topology)
            {
                case "ring":
                    Assert.All(degrees, d => Assert.Equal(2, d));
                    break;
                case "random-regular":
                    Assert.All(degrees, d => Assert.Equal(degree, d));
                    break;
                default:
                    Assert.Equal(nodes * degree!.Value, degrees.Sum());
                    Assert.All(degrees, d => Assert.True(d >= degree / 2 && d < nodes - 1, $"a small-world node has {d} peers"));
                    break;
            }
        }
    }

    [Fact]
    public async Task Nodes_in_a_far_region_get_an_artifact_no_sooner_than_three_crossings_of_the_latency_between_regions()
    {
        const double crossingMs = 200;
        var scenario = TestScenarios.Idle(6) with
        {
            Subnets = [TestScenarios.SubnetOf(6) with
            {
                Link = new LinkSpec { Model = "normal", LatencyMs = 20, StdDevMs = 2 },
                Regions = [new RegionSpec { Name = "eu", Nodes = 3 }, new RegionSpec { Name = "us", Nodes = 3 }],
                RegionLatencyMs = new Dictionary<string, IReadOnlyDictionary<string, double>>
                {
                    ["eu"] = new Dictionary<string, double> { ["eu"] = 5, ["us"] = crossingMs },
                    ["us"] = new Dictionary<string, double> { ["us"] = 5 },
                },
            }],
        };
        var grains = fixture.Grains;
        var runId = TestRuns.NewId("regions");
        var run = grains.GetGrain<IRunGrain>(runId);
        await run.StartAsync(scenario);
        var nodes = grains.Nodes(runId, 6);
        var artifact = await grains.SubmitIngressAsync(runId, originIndex: 0);
        await TestRuns.AllHoldAsync(nodes, [artifact], "every node holds the artifact made in eu");
        await run.StopAsync();

        var logs = await grains.LogsAsync(runId, 6);
        var madeAt = RunLogs.Origins(logs)[artifact].AtMs;
        double Took(int node) => logs[node].DeliveredAtMs(artifact)!.Value - madeAt;

        // Advert, request and body each cross the ocean (a normal draw around 200 ms with a 2 ms deviation).
        Assert.All([3, 4, 5], us => Assert.True(Took(us) >= 3 * (crossingMs - 20), $"us node {us} got it after {Took(us):F0} ms"));
        Assert.All([1, 2], eu => Assert.True(Took(eu) < crossingMs, $"eu node {eu} took {Took(eu):F0} ms, as if across the ocean"));
    }
}
