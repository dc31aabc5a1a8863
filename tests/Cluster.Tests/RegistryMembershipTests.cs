using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Runs;
using Xunit;

namespace OrleansGossip.Cluster.Tests;

/// <summary>Registry changes reach the running nodes' peer sets; refused changes leave the registry as it was.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RegistryMembershipTests(ClusterFixture fixture)
{
    private const int Nodes = 6;

    [Fact]
    public async Task Removing_and_adding_a_node_in_the_registry_changes_the_peer_sets_of_the_running_nodes()
    {
        var grains = fixture.Grains;
        var runId = TestRuns.NewId("membership");
        var run = grains.GetGrain<IRunGrain>(runId);
        var registry = grains.GetGrain<IRegistryGrain>(runId);
        await run.StartAsync(TestScenarios.Idle(Nodes, new GossipSettings { DownloadTimeoutMs = 1_000 }));
        try
        {
            var nodes = grains.Nodes(runId, Nodes);
            var created = await registry.GetSnapshotAsync();
            Assert.Equal(Nodes, created.Nodes.Count);
            foreach (var node in nodes)
            {
                var status = await node.GetStatusAsync();
                Assert.Equal(created.Version, status.RegistryVersion);
                Assert.Equal(Nodes - 1, status.Peers.Count);
            }

            // Remove the last node: every other node drops it, and it keeps no peers.
            var removedId = TestRuns.NodeId(Nodes - 1);
            var removed = nodes[^1];
            var remaining = nodes.Take(Nodes - 1).ToList();
            await run.ApplyFaultAsync(new FaultSpec { Kind = "remove-node", Nodes = [Nodes - 1] });
            var afterRemoval = (await registry.GetSnapshotAsync()).Version;
            Assert.Equal(created.Version + 1, afterRemoval);
            await Poll.UntilAsync(
                async () => (await Task.WhenAll(remaining.Select(n => n.GetStatusAsync())))
                    .All(s => s.RegistryVersion == afterRemoval && !s.Peers.Contains(removedId) && s.Peers.Count == Nodes - 2),
                "the remaining nodes drop the removed node from their peers");
            var removedStatus = await Poll.ForAsync(removed.GetStatusAsync, s => s.RegistryVersion == afterRemoval, "the removed node sees its removal");
            Assert.Empty(removedStatus.Peers);

            // What the subnet creates now no longer reaches the removed node.
            var beforeJoin = await grains.SubmitIngressAsync(runId, originIndex: 0);
            await TestRuns.AllHoldAsync(remaining, [beforeJoin], "the remaining nodes hold the artifact made after the removal");
            Assert.False(await removed.HasArtifactAsync(beforeJoin));

            // Add a new node: every member takes it as a peer, and once it runs it catches up with the subnet.
            var joinerId = TestRuns.NodeId(Nodes);
            await run.ApplyFaultAsync(new FaultSpec { Kind = "add-node", Count = 1 });
            var afterJoin = (await registry.GetSnapshotAsync()).Version;
            Assert.Equal(afterRemoval + 1, afterJoin);
            await Poll.UntilAsync(
                async () => (await Task.WhenAll(remaining.Select(n => n.GetStatusAsync())))
                    .All(s => s.RegistryVersion == afterJoin && s.Peers.Contains(joinerId) && s.Peers.Count == Nodes - 1),
                "the members take the added node as a peer");
            Assert.Empty((await removed.GetStatusAsync()).Peers);

            var joiner = grains.GetNode(runId, joinerId);
            var joinerStatus = await Poll.ForAsync(joiner.GetStatusAsync, s => s.Peers.Count > 0, "the added node takes its peers");
            Assert.Equal(afterJoin, joinerStatus.RegistryVersion);
            Assert.Equal(Enumerable.Range(0, Nodes - 1).Select(TestRuns.NodeId).Order(), joinerStatus.Peers.Order());
            await TestRuns.AllHoldAsync([joiner], [beforeJoin], "the added node catches up with the artifact made before it joined");
        }
        finally
        {
            await run.StopAsync();
        }
    }

    [Fact]
    public async Task Subnets_created_together_are_one_version_and_each_member_learns_its_own_subnet()
    {
        var registryId = TestRuns.NewId("registry-batch");
        var registry = fixture.Grains.GetGrain<IRegistryGrain>(registryId);
        var subnets = Enumerable.Range(0, 3)
            .Select(s => new SubnetId($"batch-{s}"))
            .Select(id => new NewSubnet(id, Enumerable.Range(0, 4).Select(n => new NodeRecord(new NodeId($"{id}-n{n}"), id, "default", $"{id}-n{n}-fp")).ToList()))
            .ToList();

        var version = await registry.CreateSubnetsAsync(subnets);

        Assert.Equal(1, version);
        var snapshot = await registry.GetSnapshotAsync();
        Assert.Equal(subnets.Select(s => s.Id), snapshot.Subnets.Select(s => s.Id));
        Assert.All(snapshot.Subnets, s => Assert.Equal(1, s.CreatedAtVersion));
        Assert.Equal(subnets.SelectMany(s => s.Nodes), snapshot.Nodes);
        foreach (var subnet in subnets)
        {
            var membership = await registry.GetMembershipAsync(subnet.Id);
            Assert.Equal(subnet.Nodes, membership.Members);
        }

        Assert.Equal(2, await registry.AddNodeAsync(new NodeRecord(new NodeId("late"), subnets[1].Id, "default", "late-fp")));
        Assert.Equal([.. subnets[1].Nodes.Select(n => n.Id), new NodeId("late")], (await registry.GetMembershipAsync(subnets[1].Id)).Members.Select(m => m.Id));
        await Assert.ThrowsAsync<RegistryException>(() => registry.AddNodeAsync(new NodeRecord(new NodeId("batch-0-n2"), subnets[2].Id, "default", "dup")));
    }

    [Theory]
    [InlineData("add-to-unknown-subnet", "subnet 'ghost' does not exist")]
    [InlineData("add-duplicate-node-id", "node 'r-n0' is already in subnet 'first'")]
    [InlineData("create-with-member-of-other-subnet", "node 'r-n1' is already in subnet 'first'")]
    [InlineData("create-with-node-naming-other-subnet", "names subnet 'first', not the subnet being created, 'second'")]
    [InlineData("create-with-node-listed-twice", "node 'twin' is listed twice")]
    [InlineData("create-existing-subnet", "subnet 'first' exists already")]
    [InlineData("create-with-empty-subnet-id", "the subnet id must not be empty")]
    [InlineData("add-with-empty-node-id", "the node id must not be empty")]
    [InlineData("add-with-empty-subnet-id", "the subnet id must not be empty")]
    [InlineData("add-with-slash-in-node-id", "must not contain '/'")]
    [InlineData("remove-with-empty-node-id", "the node id must not be empty")]
    [InlineData("remove-unknown-node", "node 'nobody' is not in the registry")]
    [InlineData("create-batch-with-subnet-twice", "subnet 'third' is listed twice")]
    [InlineData("create-batch-with-node-in-two-subnets", "node 'shared' is listed twice")]
    [InlineData("create-batch-with-an-existing-subnet", "subnet 'first' exists already")]
    [InlineData("create-empty-batch", "no subnet to create")]
    public async Task A_refused_registry_mutation_says_why_and_leaves_the_registry_unchanged(string mutation, string reason)
    {
        var registry = fixture.Grains.GetGrain<IRegistryGrain>(TestRuns.NewId("registry"));
        var first = new SubnetId("first");
        var second = new SubnetId("second");
        var third = new SubnetId("third");
        NodeRecord Record(string node, SubnetId subnet) => new(new NodeId(node), subnet, "default", $"{node}-fingerprint");
        var version = await registry.CreateSubnetAsync(first, [Record("r-n0", first), Record("r-n1", first), Record("r-n2", first)]);
        Assert.Equal(1, version);
        var before = await registry.GetSnapshotAsync();

        Func<Task<long>> attempt = mutation switch
        {
            "add-to-unknown-subnet" => () => registry.AddNodeAsync(Record("r-n9", new SubnetId("ghost"))),
            "add-duplicate-node-id" => () => registry.AddNodeAsync(Record("r-n0", first)),
            "create-with-member-of-other-subnet" => () => registry.CreateSubnetAsync(second, [Record("s-n0", second), Record("r-n1", second)]),
            "create-with-node-naming-other-subnet" => () => registry.CreateSubnetAsync(second, [Record("s-n0", second), Record("s-n1", first)]),
            "create-with-node-listed-twice" => () => registry.CreateSubnetAsync(second, [Record("twin", second), Record("twin", second)]),
            "create-existing-subnet" => () => registry.CreateSubnetAsync(first, [Record("s-n0", first)]),
            "create-with-empty-subnet-id" => () => registry.CreateSubnetAsync(new SubnetId(" "), [Record("s-n0", new SubnetId(" "))]),
            "add-with-empty-node-id" => () => registry.AddNodeAsync(Record("", first)),
            "add-with-empty-subnet-id" => () => registry.AddNodeAsync(Record("r-n9", new SubnetId(""))),
            "add-with-slash-in-node-id" => () => registry.AddNodeAsync(Record("r/n9", first)),
            "remove-with-empty-node-id" => () => registry.RemoveNodeAsync(new NodeId("")),
            "remove-unknown-node" => () => registry.RemoveNodeAsync(new NodeId("nobody")),
            "create-batch-with-subnet-twice" => () => registry.CreateSubnetsAsync([new(third, [Record("t-n0", third)]), new(third, [Record("t-n1", third)])]),
            "create-batch-with-node-in-two-subnets" => () => registry.CreateSubnetsAsync([new(second, [Record("shared", second)]), new(third, [Record("shared", third)])]),
            "create-batch-with-an-existing-subnet" => () => registry.CreateSubnetsAsync([new(second, [Record("s-n0", second)]), new(first, [Record("s-n1", first)])]),
            "create-empty-batch" => () => registry.CreateSubnetsAsync([]),
            _ => throw new ArgumentOutOfRangeException(nameof(mutation), mutation, null),
        };

        var refused = await Assert.ThrowsAsync<RegistryException>(attempt);
        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);

        var after = await registry.GetSnapshotAsync();
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Subnets, after.Subnets);
        Assert.Equal(before.Nodes, after.Nodes);
    }
}
