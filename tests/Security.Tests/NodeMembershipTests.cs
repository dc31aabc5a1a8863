using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Abstractions.Security;
using OrleansGossip.Cluster.Tests;
using OrleansGossip.Grains.Nodes;
using OrleansGossip.Grains.Runs;
using Xunit;

namespace OrleansGossip.Security.Tests;

/// <summary>
/// The emulated nodes' own admission control, on the TLS cluster: every node has a certificate in the registry, and a
/// node takes messages only from the members of its subnet, wherever in the cluster sender and receiver live.
/// </summary>
[Trait("Category", "Security")]
[Collection(TlsClusterCollection.Name)]
public sealed class NodeMembershipTests(TlsClusterFixture cluster)
{
    private const string Other = "other";

    [Fact]
    public async Task Every_node_is_registered_with_the_fingerprint_of_its_own_certificate()
    {
        var runId = TestRuns.NewId("identities");
        var run = cluster.Grains.GetGrain<IRunGrain>(runId);
        await run.StartAsync(TestScenarios.Idle(4));
        try
        {
            var snapshot = await cluster.Grains.GetGrain<IRegistryGrain>(runId).GetSnapshotAsync();

            Assert.Equal(4, snapshot.Nodes.Count);
            Assert.Equal(4, snapshot.Nodes.Select(n => n.CertificateFingerprint).Distinct().Count());
            foreach (var node in snapshot.Nodes)
            {
                Assert.True(CertificateFingerprint.TryNormalize(node.CertificateFingerprint, out var canonical) && canonical == node.CertificateFingerprint);
                using var certificate = NodeCertificates.For(node.Id);
                Assert.Equal($"CN={node.Id}", certificate.Subject);
                Assert.Equal(CertificateFingerprint.Of(certificate), node.CertificateFingerprint);
            }
        }
        finally
        {
            await run.StopAsync();
        }
    }

    [Fact]
    public async Task Nodes_refuse_adverts_requests_and_bodies_from_another_subnet_and_from_a_removed_node_across_silos()
    {
        var runId = TestRuns.NewId("non-members");
        var scenario = TestScenarios.Idle(5) with { Subnets = [TestScenarios.SubnetOf(5), TestScenarios.SubnetOf(3) with { Id = Other }] };
        var run = cluster.Grains.GetGrain<IRunGrain>(runId);
        await run.StartAsync(scenario);
        var app = cluster.Grains.Nodes(runId, 5);
        var artifact = Abstractions.Artifacts.Artifact.Create(
            Abstractions.Artifacts.ArtifactKind.Ingress, 3_600_000, "outside", 1, Abstractions.Artifacts.ArtifactBody.Synthetic(4096, 1));

        // A node of another subnet: every node of "app" (spread over both silos) gets an advert, a request and a body from it.
        var stranger = new NodeId(SubnetPlan.NodeName(Other, 0));
        await Task.WhenAll(app.Select(node => node.ReceiveAsync(Batch(stranger, artifact))));
        await TakeWindowAsync(run);
        await Poll.UntilAsync(
            async () => (await RefusedAsync(app)).All(c => c == 3),
            "every node of 'app' refuses the stranger's three messages");

        // A node removed from the registry (one registry version in use): its messages are refused too. (The removed
        // node, still running, may send a message of its own before it learns of its removal: refused as well.)
        var removed = TestRuns.NodeId(4);
        await run.ApplyFaultAsync(new FaultSpec { Kind = "remove-node", Subnet = TestScenarios.Subnet, Nodes = [4] });
        await Poll.UntilAsync(
            async () => (await Task.WhenAll(app.Take(4).Select(n => n.GetStatusAsync()))).All(s => !s.Peers.Contains(removed)),
            "the remaining members drop the removed node from their peers");
        await Task.WhenAll(app.Take(4).Select(node => node.ReceiveAsync(Batch(removed, artifact))));
        await TakeWindowAsync(run);
        await Poll.UntilAsync(
            async () => (await RefusedAsync(app)).Take(4).All(c => c >= 6),
            "the remaining members refuse the removed node's three messages too");
        Assert.All(await Task.WhenAll(app.Select(n => n.HasArtifactAsync(artifact.Id))), Assert.False);

        // Members still talk: a node's own artifact reaches the other members.
        var own = await cluster.Grains.SubmitIngressAsync(runId, 0);
        await TestRuns.AllHoldAsync(app.Take(4).ToList(), [own], "the remaining members get node 0's artifact");

        await run.StopAsync();
        var refused = (await RefusedAsync(app)).Sum();
        var report = await run.GetReportAsync();
        Assert.NotNull(report);
        Assert.True(refused >= (5 * 3) + (4 * 3), $"{refused} refused");
        Assert.Equal(refused, report.Subnets.Single(s => s.Subnet == TestScenarios.Subnet).RejectedNonMember);
        Assert.Equal(0, report.Subnets.Single(s => s.Subnet == Other).RejectedNonMember);
    }

    private static async Task<long[]> RefusedAsync(IEnumerable<INodeGrain> nodes) =>
        (await Task.WhenAll(nodes.Select(n => n.GetRunLogAsync()))).Select(l => l.RejectedNonMember).ToArray();

    /// <summary>
    /// Makes the idle subnet take a window now, in which its nodes take what was put in their inboxes from outside: a
    /// heal with nothing cut, which changes nothing else.
    /// </summary>
    private static Task TakeWindowAsync(IRunGrain run) => run.ApplyFaultAsync(new FaultSpec { Kind = "heal", Subnet = TestScenarios.Subnet });

    /// <summary>Three messages from <paramref name="from"/>, due at once: the node takes them in its subnet's next window.</summary>
    private static IReadOnlyList<TimedEnvelope> Batch(NodeId from, Abstractions.Artifacts.Artifact artifact) =>
    [
        new TimedEnvelope(0, 1_000, 1, new Envelope(from, new AdvertMessage(artifact.Advert))),
        new TimedEnvelope(0, 1_000, 2, new Envelope(from, new ArtifactRequest(artifact.Id, Priority.Fetch))),
        new TimedEnvelope(0, 1_000, 3, new Envelope(from, new ArtifactTransfer(artifact, Priority.Fetch))),
    ];
}
