using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Grains.Protocol;

namespace OrleansGossip.Grains.Network;

/// <summary>
/// A node's side of the emulated network. Outgoing messages pass its uplink (bandwidth, priority classes; bodies a
/// slow node serves at a fraction of it), then the link to the peer (latency drawn by the link's model around the
/// base latency, or the latency between the two nodes' regions; loss; cut or not) before the silo's scheduler
/// delivers them; incoming ones pass its downlink. Random draws come from the node's own seeded source. Messages
/// arrive on whole delivery ticks of emulated time, whatever the time scale, so that the messages a node gets within
/// one tick travel to it as one batch.
/// </summary>
public sealed class NodeNetwork : IGossipTransport
{
    private readonly NodeId _self;
    private readonly string _registryId;
    private readonly NetworkSettings _settings;
    private readonly RunClock _clock;
    private readonly TimeProvider _wall;
    private readonly Random _random;
    private readonly DeliveryScheduler _scheduler;
    private readonly BandwidthModel _uplink;
    private readonly BandwidthModel _downlink;
    private readonly double _tickMs;
    private readonly HashSet<NodeId> _cut = [];
    private readonly Dictionary<NodeId, Mailbox> _mailboxes = [];

    /// <summary>
    /// What a node sends while it gathers its sends (<see cref="GatherSends"/>), for the scheduler in one go: one list
    /// per thread, since a turn gathers and hands over its sends on the thread it runs on, awaiting nothing in between.
    /// A list per node kept as many lists as nodes, each as long as its node's busiest turn (15 MiB of them at 200
    /// subnets), all of them written with young messages.
    /// </summary>
    [ThreadStatic]
    private static List<ScheduledMessage>? t_gathered;

    private bool _gathering;
    private IReadOnlyDictionary<NodeId, string> _regions = new Dictionary<NodeId, string>();

    public NodeNetwork(
        NodeId self,
        string registryId,
        NetworkSettings settings,
        RunClock clock,
        TimeProvider wall,
        Random random,
        DeliveryScheduler scheduler,
        double serveFraction = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(serveFraction);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(serveFraction, 1);
        ServeFraction = serveFraction;
        _self = self;
        _registryId = registryId;
        _settings = settings;
        _clock = clock;
        _wall = wall;
        _random = random;
        _scheduler = scheduler;
        _uplink = new BandwidthModel(settings.UploadMbps);
        _downlink = new BandwidthModel(settings.DownloadMbps);
        _tickMs = scheduler.Tick.TotalMilliseconds;
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
    public double UplinkBacklogMs(Priority priority) => _uplink.BacklogMs(priority, _clock.ElapsedMs(_wall.GetUtcNow()));

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

        var now = _clock.ElapsedMs(_wall.GetUtcNow());
        var size = message.WireSize;
        var fraction = message is ArtifactTransfer ? ServeFraction : 1;
        var sent = _uplink.Reserve(now + (_uplink.TransferMs(size) / fraction), size, message.Priority, fraction);
        var latency = LinkLatency.SampleMs(_settings.Model, BaseLatencyMs(to), _settings.JitterMs, _settings.StdDevMs, _random);
        Schedule(new ScheduledMessage(MailboxOf(to), new Envelope(_self, message), _clock.WallAt(OnTick(sent + latency))));
        return true;
    }

    /// <summary>
    /// Gathers what the node sends, and what its downlink puts back for later, until the returned scope ends, then
    /// hands it all to the scheduler at once: for a turn that takes a batch, whose messages answer with a dozen sends
    /// or more. Each is due when it would have been. The scope ends on the thread it began on, awaiting nothing in
    /// between: what it gathers is kept per thread.
    /// </summary>
    public GatheredSends GatherSends()
    {
        _gathering = true;
        return new GatheredSends(this);
    }

    private void Schedule(in ScheduledMessage message)
    {
        if (_gathering)
        {
            (t_gathered ??= []).Add(message);
        }
        else
        {
            _scheduler.Schedule(message);
        }
    }

    private void Flush()
    {
        _gathering = false;
        if (t_gathered is { Count: > 0 } gathered)
        {
            _scheduler.ScheduleAll(gathered);
            gathered.Clear();
        }
    }

    public readonly struct GatheredSends(NodeNetwork network) : IDisposable
    {
        public void Dispose() => network.Flush();
    }

    /// <summary>
    /// Passes an arrived batch through the downlink, unless it has <paramref name="downloaded"/> already: returns the
    /// messages whose download is done by the next delivery tick, and schedules the others back to this node for the
    /// tick their download ends in.
    /// </summary>
    public IReadOnlyList<Envelope> Download(IReadOnlyList<Envelope> envelopes, bool downloaded)
    {
        if (downloaded)
        {
            return envelopes;
        }

        var now = _clock.ElapsedMs(_wall.GetUtcNow());
        var horizon = now + _tickMs;

        // Mostly every message is through by the next tick and the batch is passed on as it came; a copy is made
        // only from the first one that is not.
        List<Envelope>? ready = null;
        for (var i = 0; i < envelopes.Count; i++)
        {
            var envelope = envelopes[i];
            var done = _downlink.Reserve(now, envelope.Message.WireSize, envelope.Message.Priority);
            if (done <= horizon)
            {
                ready?.Add(envelope);
                continue;
            }

            if (ready is null)
            {
                ready = new List<Envelope>(envelopes.Count);
                for (var j = 0; j < i; j++)
                {
                    ready.Add(envelopes[j]);
                }
            }

            Schedule(new ScheduledMessage(MailboxOf(_self), envelope, _clock.WallAt(OnTick(done)), Downloaded: true));
        }

        return ready ?? envelopes;
    }

    /// <summary>The end of the delivery tick <paramref name="emulatedMs"/> falls in.</summary>
    private double OnTick(double emulatedMs) => Math.Ceiling(emulatedMs / _tickMs) * _tickMs;

    private Mailbox MailboxOf(NodeId node)
    {
        if (!_mailboxes.TryGetValue(node, out var mailbox))
        {
            mailbox = _scheduler.MailboxOf(NodeGrainKey.Format(_registryId, node));
            _mailboxes[node] = mailbox;
        }

        return mailbox;
    }
}
