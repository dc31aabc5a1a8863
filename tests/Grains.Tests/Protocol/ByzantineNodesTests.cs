using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Nodes;
using Xunit;

namespace OrleansGossip.Grains.Tests.Protocol;

public sealed class ByzantineNodesTests
{
    private const int Nodes = 13;

    /// <summary>Nodes 1 and 2 withhold, 3 and 4 corrupt: four of thirteen, the most a 13-node subnet tolerates.</summary>
    private static readonly Dictionary<int, NodeBehaviour> Faulty = new()
    {
        [1] = NodeBehaviour.Withhold,
        [2] = NodeBehaviour.Withhold,
        [3] = NodeBehaviour.Corrupt,
        [4] = NodeBehaviour.Corrupt,
    };

    [Theory]
    [InlineData(GossipProtocol.AdvertGossip, 0.0)]
    [InlineData(GossipProtocol.AdvertGossip, 0.05)]
    [InlineData(GossipProtocol.Flooding, 0.0)]
    public void Every_honest_node_ends_with_every_artifact_despite_four_faulty_nodes(GossipProtocol protocol, double loss)
    {
        var subnet = new SimulatedSubnet(Nodes, protocol, new SimulationOptions
        {
            Behaviours = Faulty,
            Loss = loss,
            LossSeed = 7,
            BandwidthMbps = 100,
            Settings = GossipSettings.Default with { DownloadTimeoutMs = 5_000, RetransmissionIntervalMs = 10_000 },
        });
        var honest = Enumerable.Range(0, Nodes).Where(i => !Faulty.ContainsKey(i)).ToList();

        // Each honest creator cannot reach the last honest nodes directly: they must fetch from the others, and the
        // faulty nodes, having the lowest indices, advert first.
        var artifacts = new List<Artifact>();
        var creators = honest.Take(4).ToList();
        foreach (var creator in creators)
        {
            foreach (var far in honest.TakeLast(3))
            {
                subnet.CutBoth(creator, far);
            }
        }

        for (var round = 0; round < 3; round++)
        {
            foreach (var creator in creators)
            {
                artifacts.Add(subnet.Submit(creator, ArtifactKind.Ingress, attribute: 3_600_000, sizeBytes: 100_000));
                artifacts.Add(subnet.Submit(creator, ArtifactKind.CertificationShare, 1 + round, sizeBytes: 300));
            }

            subnet.RunFor(200);
        }

        bool AllDelivered() => artifacts.All(a => honest.All(i => subnet[i].Pool.Contains(a.Id)));

        Assert.True(subnet.RunUntil(AllDelivered, maxMs: 600_000), Missing(subnet, honest, artifacts));
        foreach (var i in honest)
        {
            Assert.All(artifacts, a => Assert.True(subnet[i].Pool.TryGet(a.Id, out var held) && held.IsIntact));
            Assert.DoesNotContain(subnet[i].Ledger.Misbehaviour.Keys, peer => honest.Contains(subnet.IndexOf(peer)));
        }

        var farNode = subnet[honest[^1]];
        var rejected = farNode.Ledger.CountersByKind().Values.Sum(c => c.Rejected);
        Assert.True(rejected > 0, "the far node was never served a corrupt body: the faults were not exercised");
        if (protocol == GossipProtocol.AdvertGossip)
        {
            Assert.True(farNode.Ledger.CountersByKind().Values.Sum(c => c.FetchTimeouts) > 0);
            Assert.Empty(subnet.OverlappingRequests());
        }
    }

    private static string Missing(SimulatedSubnet subnet, List<int> honest, List<Artifact> artifacts) =>
        string.Join(", ", from a in artifacts from i in honest where !subnet[i].Pool.Contains(a.Id) select $"{a.Advert.Kind}@{a.Advert.Attribute} at node {i}");
}
