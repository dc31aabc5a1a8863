using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Grains.Engine;
using OrleansGossip.Grains.Protocol;

namespace OrleansGossip.Grains.Network;

/// <summary>
/// A node's side of the emulated network. Outgoing messages pass its uplink (bandwidth, priority classes; bodies a
/// slow node serves at a fraction of it), then the link to the peer (latency drawn by the link's model around the
/// base latency, or the latency between the two nodes' regions, never below the subnet's window; loss; cut or not)
/// before the router takes them to the peer, due on a whole delivery tick of emulated time; incoming ones pass its
/// downlink. Random draws come from the node's own seeded source, times from its virtual clock.
/// </summary>
public sealed class NodeNetwork : IGossipTransport
{
    private readonly NodeId _self;
    private readonly NetworkSettings _settings;
    private readonly VirtualClock _clock;
    private readonly Random _random;
    private readonly IMessageRouter _router;
    private readonly BandwidthModel _uplink;
    private readonly BandwidthModel _downlink;
    private readonly double _tickMs;
    private readonly HashSet<NodeId> _cut = [];
    private IReadOnlyDictionary<NodeId, string> _regions = new Dictionary<NodeId, string>();

    public NodeNetwork(
        NodeId self,
        NetworkSettings settings,
        VirtualClock clock,
        Random random,
        IMessageRouter router,
        TimeSpan deliveryTick,
        double serveFraction = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(serveFraction);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(serveFraction, 1);
        ServeFraction = serveFraction;
        _self = self;
        _settings = settings;
        _clock = clock;
        _random = random;
        _router = router;
        _uplink = new BandwidthModel(settings.UploadMbps);
        _downlink = new BandwidthModel(settings.DownloadMbps);
        _tickMs = deliveryTick.TotalMilliseconds;
    }
    /// <summary>The share of its uplink a node serves bodies at: 1, or less for a slow node.</summary>
    public double ServeFraction
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1);
            field = value;
        }
    }

    /// <summary>How far ahead the uplink is booked for traffic of <paramref name="priority"/>, in emulated milliseconds.</summary>
    public double UplinkBacklogMs(Priority priority) => _uplink.BacklogMs(priority, _clock.NowMs);

    /// <summary>Messages not sent because the link to their destination was cut.</summary>
    public long DroppedOnCutLink { get; private set; }

    /// <summary>Messages the link lost.</summary>
    public long Lost { get; private set; }

    public IReadOnlyCollection<NodeId> CutLinks => _cut;

    /// <summary>The loss of every link while a loss burst lasts; null for the configured loss.</summary>
    public double? LossOverride { get; set; }

    /// <summary>The probability that a message sent now is lost.</summary>
    public double Loss => LossOverride ?? _settings.Loss;

    /// <summary>The region of each node this node may send to, as the registry has them, for region latencies.</summary>
    public void SetRegions(IReadOnlyDictionary<NodeId, string> regions) => _regions = regions;

    /// <summary>
    /// The base latency to <paramref name="peer"/>: from this node's region to the peer's, when the subnet has regions
    /// and the peer's region is known; else the link's latency.
    /// </summary>
    public double BaseLatencyMs(NodeId peer) =>
        _settings.RegionLatencyMs is { } row && _regions.TryGetValue(peer, out var region) && row.TryGetValue(region, out var ms)
            ? ms
            : _settings.LatencyMs;

    public bool IsCut(NodeId peer) => _cut.Contains(peer);

    /// <summary>Cuts or heals the link to <paramref name="peer"/>; returns true when its state changed.</summary>
    public bool SetLink(NodeId peer, bool up) => up ? _cut.Remove(peer) : _cut.Add(peer);

    public void Send(NodeId to, GossipMessage message) => TrySend(to, message);

    /// <summary>Sends a message; false when the link to <paramref name="to"/> is cut or lost it.</summary>
    public bool TrySend(NodeId to, GossipMessage message)
    {
        if (_cut.Contains(to))
        {
            DroppedOnCutLink++;
            return false;
        }

        var loss = Loss;
        if (loss > 0 && _random.NextDouble() < loss)
        {
            Lost++;
            return false;
        }

        var now = _clock.NowMs;
        var size = message.WireSize;
        var fraction = message is ArtifactTransfer ? ServeFraction : 1;
        var sent = _uplink.Reserve(now + (_uplink.TransferMs(size) / fraction), size, message.Priority, fraction);
        var latency = Math.Max(_settings.MinLatencyMs, LinkLatency.SampleMs(_settings.Model, BaseLatencyMs(to), _settings.JitterMs, _settings.StdDevMs, _random));
        _router.Route(to, VirtualClock.TicksAtOrAfter(OnTick(sent + latency)), new Envelope(_self, message));
        return true;
    }

    /// <summary>
    /// Passes an arrived message through the downlink, unless it <paramref name="downloaded"/> already: null when it is
    /// through by the next delivery tick and the node takes it now, else the tick its download ends at, when the node
    /// takes it instead.
    /// </summary>
    public long? Download(GossipMessage message, bool downloaded)
    {
        if (downloaded)
        {
            return null;
        }

        var now = _clock.NowMs;
        var done = _downlink.Reserve(now, message.WireSize, message.Priority);
        return done <= now + _tickMs ? null : VirtualClock.TicksAtOrAfter(OnTick(done));
    }

    /// <summary>The end of the delivery tick <paramref name="emulatedMs"/> falls in.</summary>
    private double OnTick(double emulatedMs) => Math.Ceiling(emulatedMs / _tickMs) * _tickMs;
}
