using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Grains.Hosting;
using OrleansGossip.Grains.Network;
using Xunit;

namespace OrleansGossip.Grains.Tests.Network;

/// <summary>
/// A node's sends: each goes to its peer's mailbox, due after the link's latency (the regions' once they are known),
/// unless the link is cut; what a turn gathers goes to the scheduler when the turn ends. The node's clock stands still
/// an hour ago, so every message is due at once and the scheduler hands it over straight away, with the time it was due.
/// </summary>
public sealed class NodeNetworkTests : IDisposable
{
    private const string Registry = "run";
    private static readonly NodeId Self = new("a");
    private static readonly NodeId Peer = new("b");

    private readonly DeliveryScheduler _scheduler = new(
        grains: null!,
        TimeProvider.System,
        Options.Create(new EmulatorOptions()),
        new NoLifetime(),
        NullLogger<DeliveryScheduler>.Instance);

    /// <summary>An hour ago, on a whole millisecond: the scheduler's ticks are whole milliseconds of wall time.</summary>
    private readonly FakeTimeProvider _wall = new(new DateTimeOffset(
        TimeProvider.System.GetUtcNow().UtcTicks / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond,
        TimeSpan.Zero) - TimeSpan.FromHours(1));
    private readonly RecordingNode _peer = new();
    private readonly NodeNetwork _network;

    public NodeNetworkTests()
    {
        _scheduler.Attach(NodeGrainKey.Format(Registry, Peer), _peer);
        var settings = new NetworkSettings
        {
            LatencyMs = 20,
            Model = LinkLatencyModel.Constant,
            RegionLatencyMs = new Dictionary<string, double> { ["far"] = 80 },
        };
        _network = new NodeNetwork(Self, Registry, settings, new RunClock(_wall.GetUtcNow(), 1), _wall, new Random(1), _scheduler);
    }

    [Fact]
    public async Task A_send_takes_the_link_latency_and_the_regions_latency_once_the_peers_region_is_known()
    {
        Assert.InRange(await SendAndTakeLatencyMsAsync(), 20, 21);

        _network.SetRegions(new Dictionary<NodeId, string> { [Peer] = "far" });

        Assert.InRange(await SendAndTakeLatencyMsAsync(), 80, 81);
    }

    [Fact]
    public async Task A_cut_link_drops_what_is_sent_on_it_until_it_heals_whether_or_not_it_carried_anything_before()
    {
        Assert.True(_network.SetLink(Peer, up: false));
        Assert.False(_network.TrySend(Peer, Request(1)));
        Assert.True(_network.SetLink(Peer, up: true));
        Assert.InRange(await SendAndTakeLatencyMsAsync(), 20, 21);

        Assert.True(_network.SetLink(Peer, up: false));
        Assert.True(_network.IsCut(Peer));
        Assert.False(_network.TrySend(Peer, Request(2)));
        Assert.Equal(2, _network.DroppedOnCutLink);
        Assert.Empty(_peer.Received);

        Assert.True(_network.SetLink(Peer, up: true));
        Assert.InRange(await SendAndTakeLatencyMsAsync(), 20, 21);
    }

    [Fact]
    public async Task Sends_gathered_in_a_turn_go_to_the_scheduler_when_it_ends_and_a_turn_on_another_thread_keeps_its_own()
    {
        var other = new NodeNetwork(new NodeId("c"), Registry, new NetworkSettings { LatencyMs = 20 }, new RunClock(_wall.GetUtcNow(), 1), _wall, new Random(2), _scheduler);
        using var othersTurnGathered = new ManualResetEventSlim();
        using var othersTurnMayEnd = new ManualResetEventSlim();
        var othersTurn = Task.Run(() =>
        {
            using (other.GatherSends())
            {
                Assert.True(other.TrySend(Peer, Request(10)));
                othersTurnGathered.Set();
                othersTurnMayEnd.Wait(TestContext.Current.CancellationToken);
            }
        }, TestContext.Current.CancellationToken);
        othersTurnGathered.Wait(TestContext.Current.CancellationToken);

        using (_network.GatherSends())
        {
            Assert.True(_network.TrySend(Peer, Request(11)));
            Assert.True(_network.TrySend(Peer, Request(12)));
            Assert.Empty(_peer.Received);
        }

        var mine = await _peer.NextAsync();
        Assert.Equal([Self, Self], mine.Envelopes.Select(e => e.From));
        Assert.Equal(new GossipMessage[] { Request(11), Request(12) }, mine.Envelopes.Select(e => e.Message));

        othersTurnMayEnd.Set();
        await othersTurn;
        var theirs = await _peer.NextAsync();
        Assert.Equal([new NodeId("c")], theirs.Envelopes.Select(e => e.From));
    }

    [Fact]
    public async Task What_a_node_sends_before_its_runs_epoch_leaves_at_the_epoch()
    {
        // Nodes are set up before their run begins; what one sends then must not fall due before its peers are set up.
        var epoch = _wall.GetUtcNow() + TimeSpan.FromMilliseconds(50);
        var early = new NodeNetwork(Self, Registry, new NetworkSettings { LatencyMs = 20, Model = LinkLatencyModel.Constant }, new RunClock(epoch, 1), _wall, new Random(3), _scheduler);

        Assert.True(early.TrySend(Peer, Request(4)));

        var batch = await _peer.NextAsync();
        Assert.InRange(TimeSpan.FromTicks(Assert.Single(batch.Dues!).DueTicks - epoch.UtcTicks).TotalMilliseconds, 20, 21);
        Assert.Equal(epoch, new ScaledTimeProvider(new RunClock(epoch, 1), _wall).GetUtcNow());
    }

    /// <summary>Sends a request to the peer and returns how long after the send it was due, in emulated ms.</summary>
    private async Task<double> SendAndTakeLatencyMsAsync()
    {
        var sentTicks = _wall.GetUtcNow().UtcTicks;
        Assert.True(_network.TrySend(Peer, Request(3)));
        var batch = await _peer.NextAsync();
        var envelope = Assert.Single(batch.Envelopes);
        Assert.Equal(Self, envelope.From);
        return TimeSpan.FromTicks(Assert.Single(batch.Dues!).DueTicks - sentTicks).TotalMilliseconds;
    }

    private static ArtifactRequest Request(ulong low) => new(new ArtifactId(new Hash128(0, low)), Priority.Fetch);

    public void Dispose() => _scheduler.Dispose();
}
