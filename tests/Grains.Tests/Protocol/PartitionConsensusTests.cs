using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Scenarios;
using Xunit;

namespace OrleansGossip.Grains.Tests.Protocol;

/// <summary>Consensus across a partition that leaves no side two thirds of the subnet, and its heal.</summary>
public sealed class PartitionConsensusTests
{
    private const int Nodes = 7;

    [Fact]
    public void Finalization_stops_while_no_side_holds_two_thirds_and_resumes_after_the_heal()
    {
        var subnet = new SimulatedSubnet(Nodes, GossipProtocol.AdvertGossip, new SimulationOptions
        {
            LatencyMs = 20,
            BlockClock = false,
            Settings = GossipSettings.Default with { DownloadTimeoutMs = 2_000 },
        });
        var clients = subnet.AttachConsensus(new ConsensusSpec(), runSeed: 5);

        subnet.RunFor(4_000);
        var beforeSplit = clients.Min(c => c.FinalizedHeight);
        Assert.True(beforeSplit >= 2, $"consensus reached only height {beforeSplit} before the partition");

        int[] west = [0, 1, 2, 3];
        int[] east = [4, 5, 6];
        foreach (var w in west)
        {
            foreach (var e in east)
            {
                subnet.CutBoth(w, e);
            }
        }

        subnet.RunFor(5_000);
        var duringSplit = clients.Max(c => c.FinalizedHeight);
        Assert.True(duringSplit <= beforeSplit + 1, $"a side without two thirds finalized up to height {duringSplit}");

        foreach (var w in west)
        {
            foreach (var e in east)
            {
                subnet.Heal(w, e);
            }
        }

        subnet.RunFor(6_000);
        Assert.All(clients, c => Assert.True(c.FinalizedHeight >= duringSplit + 3, $"{c.FinalizedHeight}: finalization did not resume after the heal (stuck at {duringSplit})"));
    }
}
