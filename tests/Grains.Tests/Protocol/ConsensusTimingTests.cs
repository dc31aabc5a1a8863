using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Scenarios;
using Xunit;

namespace OrleansGossip.Grains.Tests.Protocol;

/// <summary>
/// When a consensus client acts: the host wakes it only at the deadline it gives, so a deadline given too late
/// shows as a share made late.
/// </summary>
public sealed class ConsensusTimingTests
{
    private const int Nodes = 4;
    private const int Heights = 6;

    [Fact]
    public void Every_node_sends_its_notarization_share_one_notary_delay_into_each_round()
    {
        var spec = new ConsensusSpec();
        var subnet = new SimulatedSubnet(Nodes, GossipProtocol.AdvertGossip, new SimulationOptions
        {
            LatencyMs = 20,
            BlockClock = false,
        });
        subnet.AttachConsensus(spec, runSeed: 11);

        subnet.RunFor(Heights * spec.TargetBlockIntervalMs);

        // Proposals reach every node within a few latencies, well before the notary delay: only the rank-0 maker's
        // block is notarized, at the round's start (the target interval, heights being notarized sooner) plus one
        // notary delay.
        var expected = Enumerable.Range(0, Heights)
            .Select(h => (h * spec.TargetBlockIntervalMs) + spec.NotaryDelayMs)
            .ToList();
        for (var i = 0; i < Nodes; i++)
        {
            var shares = subnet[i].Ledger.Created
                .Where(c => c.Kind == ArtifactKind.NotarizationShare)
                .Select(c => c.AtMs)
                .ToList();
            Assert.Equal(expected, shares);
        }
    }
}
