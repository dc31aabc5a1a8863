using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Runs;
using Xunit;

namespace OrleansGossip.Cluster.Tests;

/// <summary>After a reconnect a node gets what it missed while its links were cut.</summary>
[Collection(ClusterCollection.Name)]
public sealed class LinkHealingTests(ClusterFixture fixture)
{
    private const int Nodes = 7;
    private const int Isolated = 3;

    [Fact]
    public async Task A_node_cut_off_from_all_its_peers_gets_every_artifact_it_missed_once_its_links_heal()
    {
        // Periodic retransmission is pushed far beyond the test, so that only the reconnect can make up the loss.
        var gossip = new GossipSettings { DownloadTimeoutMs = 1_000, RetransmissionIntervalMs = 3_600_000 };
        var grains = fixture.Grains;
        var runId = TestRuns.NewId("heal");
        var run = grains.GetGrain<IRunGrain>(runId);
        await run.StartAsync(TestScenarios.Idle(Nodes, gossip));
        try
        {
            var nodes = grains.Nodes(runId, Nodes);
            var isolated = nodes[Isolated];
            var others = nodes.Where((_, i) => i != Isolated).ToList();
            await run.ApplyFaultAsync(new FaultSpec { Kind = "partition", Groups = [[Isolated], [.. Enumerable.Range(0, Nodes).Where(i => i != Isolated)]] });
            var status = await Poll.ForAsync(isolated.GetStatusAsync, s => s.CutLinks.Count == others.Count, "the partition cuts the isolated node's links");
            Assert.Equal(others.Count, status.CutLinks.Count);

            var artifacts = new List<ArtifactId>();
            for (var sequence = 1; sequence <= 5; sequence++)
            {
                var origin = sequence % 2; // nodes 0 and 1 take turns
                artifacts.Add(await grains.SubmitIngressAsync(runId, origin));
            }

            await TestRuns.AllHoldAsync(others, artifacts, "every connected node holds every artifact");
            var missing = await TestRuns.MissingAsync([isolated], artifacts);
            Assert.Equal(artifacts.Count, missing.Count);
            Assert.Equal(0, (await isolated.GetStatusAsync()).ValidatedArtifacts);

            await run.ApplyFaultAsync(new FaultSpec { Kind = "heal" });
            await Poll.ForAsync(isolated.GetStatusAsync, s => s.CutLinks.Count == 0, "the heal restores the isolated node's links");
            await TestRuns.AllHoldAsync([isolated], artifacts, "the reconnected node holds every artifact it missed");
            Assert.Equal(artifacts.Count, (await isolated.GetStatusAsync()).ValidatedArtifacts);
        }
        finally
        {
            await run.StopAsync();
        }

    }
}
