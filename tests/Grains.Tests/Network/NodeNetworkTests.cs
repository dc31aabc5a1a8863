using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Grains.Engine;
using OrleansGossip.Grains.Network;
using Xunit;

namespace OrleansGossip.Grains.Tests.Network;

/// <summary>
/// A node's sends: each goes to its router due after the uplink and the link's latency (the regions' once they are
/// known), on a whole delivery tick of the node's virtual clock, unless the link is cut; a draw below the subnet's
/// window is raised to it; a body a busy downlink cannot take by the next tick is put off to when it can.
/// </summary>
public sealed class NodeNetworkTests
{
    private static readonly NodeId Self = new("a");
    private static readonly NodeId Peer = new("b");
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

    private readonly VirtualClock _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly RecordingRouter _router = new();

    [Fact]
    public void A_send_takes_the_link_latency_and_the_regions_latency_once_the_peers_region_is_known()
    {
        var network = Network(new NetworkSettings
        {
            LatencyMs = 20,
            Model = LinkLatencyModel.Constant,
            RegionLatencyMs = new Dictionary<string, double> { ["far"] = 80 },
        });
        _clock.AdvanceTo(TimeSpan.TicksPerSecond);

        Assert.Equal(1_021, SendAndTakeDueMs(network)); // 20 ms and the request's transfer, up to the next tick

        network.SetRegions(new Dictionary<NodeId, string> { [Peer] = "far" });

        Assert.Equal(1_081, SendAndTakeDueMs(network));
    }

    [Fact]
    public void A_cut_link_drops_what_is_sent_on_it_until_it_heals_whether_or_not_it_carried_anything_before()
    {
        var network = Network(new NetworkSettings { LatencyMs = 20, Model = LinkLatencyModel.Constant });
        Assert.True(network.SetLink(Peer, up: false));
        Assert.False(network.TrySend(Peer, Request(1)));
        Assert.True(network.SetLink(Peer, up: true));
        Assert.Equal(21, SendAndTakeDueMs(network));

        Assert.True(network.SetLink(Peer, up: false));
        Assert.True(network.IsCut(Peer));
        Assert.False(network.TrySend(Peer, Request(2)));
        Assert.Equal(2, network.DroppedOnCutLink);
        Assert.Empty(_router.Routed);
    }

    [Fact]
    public void A_latency_drawn_below_the_subnets_window_is_raised_to_it()
    {
        // A normal model with a wide deviation draws some latencies near 0; the window here is 30 ms.
        var network = Network(new NetworkSettings { LatencyMs = 40, StdDevMs = 40, Model = LinkLatencyModel.Normal, MinLatencyMs = 30 });
        var dues = Enumerable.Range(0, 500).Select(_ => SendAndTakeDueMs(network)).ToList();

        Assert.All(dues, due => Assert.True(due >= 30, $"a message due after {due} ms, inside the 30 ms window"));
        Assert.Contains(dues, due => due <= 31);
        Assert.Contains(dues, due => due > 60);
    }

    [Fact]
    public void A_body_its_downlink_cannot_take_by_the_next_tick_is_put_off_to_the_tick_its_download_ends()
    {
        // 8 Mbit/s: 1 MB takes 1 000 ms, a request under a millisecond. An idle downlink passes what arrives at once.
        var network = Network(new NetworkSettings { LatencyMs = 20, Model = LinkLatencyModel.Constant, UploadMbps = 8, DownloadMbps = 8 });
        var body = new ArtifactTransfer(Artifact.Create(ArtifactKind.BlockProposal, 1, "a", 1, ArtifactBody.Synthetic(1_000_000, 1)), Priority.FetchNow);

        Assert.Null(network.Download(body, downloaded: false));
        var done = network.Download(body, downloaded: false);
        Assert.Equal(1_001 * TimeSpan.TicksPerMillisecond, done); // behind the first, and its wire size is a little over 1 MB
        Assert.Null(network.Download(body, downloaded: true));
    }

    private NodeNetwork Network(NetworkSettings settings) => new(Self, settings, _clock, new Random(1), _router, Tick);

    /// <summary>Sends a request to the peer and returns when it is due, in emulated ms since the epoch.</summary>
    private double SendAndTakeDueMs(NodeNetwork network)
    {
        Assert.True(network.TrySend(Peer, Request(3)));
        var (to, due, envelope) = Assert.Single(_router.Routed);
        _router.Routed.Clear();
        Assert.Equal((Peer, Self), (to, envelope.From));
        return due / (double)TimeSpan.TicksPerMillisecond;
    }

    private static ArtifactRequest Request(ulong low) => new(new ArtifactId(new Hash128(0, low)), Priority.Fetch);

    private sealed class RecordingRouter : IMessageRouter
    {
        public List<(NodeId To, long DueTicks, Envelope Envelope)> Routed { get; } = [];

        public void Route(NodeId to, long dueTicks, in Envelope envelope) => Routed.Add((to, dueTicks, envelope));
    }
}
