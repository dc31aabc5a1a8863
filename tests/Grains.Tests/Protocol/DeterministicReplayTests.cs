using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Nodes;
using Xunit;

namespace OrleansGossip.Grains.Tests.Protocol;

public sealed class DeterministicReplayTests
{
    [Theory]
    [InlineData(GossipProtocol.AdvertGossip)]
    [InlineData(GossipProtocol.Flooding)]
    public void Two_runs_with_the_same_seeds_give_identical_logs_and_ledgers(GossipProtocol protocol)
    {
        var first = Run(protocol, lossSeed: 42);
        var second = Run(protocol, lossSeed: 42);

        Assert.True(first.Log.Count > 1_000, $"only {first.Log.Count} events");
        Assert.Contains(first.Log, e => e.Kind == SimulationEventKind.Lost);
        Assert.Equal(first.Log, second.Log);
        Assert.Equal(first.LedgerFingerprint(), second.LedgerFingerprint());
    }

    [Theory]
    [InlineData(GossipProtocol.AdvertGossip)]
    [InlineData(GossipProtocol.Flooding)]
    public void A_different_loss_seed_gives_a_different_log(GossipProtocol protocol)
    {
        var first = Run(protocol, lossSeed: 42);
        var other = Run(protocol, lossSeed: 43);

        Assert.NotEqual(first.Log, other.Log);
    }

    /// <summary>Eight nodes, one withholding and one corrupting, lossy links with bandwidth, mixed artifacts over time.</summary>
    private static SimulatedSubnet Run(GossipProtocol protocol, int lossSeed)
    {
        var subnet = new SimulatedSubnet(8, protocol, new SimulationOptions
        {
            Loss = 0.1,
            LossSeed = lossSeed,
            BandwidthMbps = 50,
            Settings = GossipSettings.Default with { DownloadTimeoutMs = 2_000, RetransmissionIntervalMs = 5_000 },
            Behaviours = new Dictionary<int, NodeBehaviour> { [6] = NodeBehaviour.Withhold, [7] = NodeBehaviour.Corrupt },
        });

        for (var round = 1; round <= 10; round++)
        {
            subnet.Submit(round % 6, ArtifactKind.BlockProposal, round, sizeBytes: 64 * 1024);
            subnet.Submit((round + 1) % 6, ArtifactKind.NotarizationShare, round, sizeBytes: 200);
            subnet.Submit((round + 2) % 6, ArtifactKind.Ingress, attribute: 600_000, sizeBytes: 4 * 1024);
            subnet.RunFor(700);
        }

        subnet.RunFor(30_000);
        return subnet;
    }
}
