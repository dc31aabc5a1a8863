using System.Globalization;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Grains.Protocol;
using OrleansGossip.Grains.Protocol.Clients;

namespace OrleansGossip.Grains.Tests.Protocol;

/// <summary>
/// A deterministic discrete-event simulation of one subnet: N protocol cores in a full mesh sharing one fake clock.
/// Messages wait in a queue ordered by (arrival time, send sequence); a link adds a constant latency, optionally a
/// serialization delay per message (size over bandwidth, first in first out per directed link), and may be cut or
/// lose messages with a random source of its own. The loop moves the clock to the next delivery or the next core
/// deadline, whichever is first (deliveries first on a tie), and logs every message, so two runs can be compared.
/// </summary>
public sealed class SimulatedSubnet
{
    private readonly PriorityQueue<Delivery, (long AtTicks, long Sequence)> _pending = new();
    private readonly List<SimulationEvent> _log = [];
    private readonly HashSet<(int From, int To)> _cut = [];
    private readonly Dictionary<(int From, int To), double> _latencyMs = [];
    private readonly Dictionary<(int From, int To), double> _bandwidthMbps = [];
    private readonly Dictionary<(int From, int To), long> _linkBusyUntil = [];
    private readonly Dictionary<NodeId, int> _indexOf = [];
    private readonly Random _lossRandom;
    private readonly GossipNode[] _nodes;
    private readonly NodeId[] _ids;
    private long _sequence;
    private long _artifactSequence;

    public SimulatedSubnet(int nodeCount, GossipProtocol protocol, SimulationOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodeCount, 1);
        Options = options ?? new SimulationOptions();
        Protocol = protocol;
        Time = new FakeTimeProvider(Epoch);
        _lossRandom = new Random(Options.LossSeed);
        _ids = new NodeId[nodeCount];
        _nodes = new GossipNode[nodeCount];
        for (var i = 0; i < nodeCount; i++)
        {
            _ids[i] = new NodeId(string.Create(CultureInfo.InvariantCulture, $"node-{i:D2}"));
            _indexOf[_ids[i]] = i;
        }

        for (var i = 0; i < nodeCount; i++)
        {
            var context = new GossipNodeContext(
                _ids[i],
                Options.BehaviourOf(i),
                Options.Settings,
                Time,
                new Random(unchecked((Options.NodeSeed * 7919) + i)),
                Epoch,
                new Transport(this, i),
                IGossipObserver.None);
            _nodes[i] = GossipNode.Create(protocol, context);
            if (Options.BlockClock)
            {
                _nodes[i].Attach(new BlockClockClient(_nodes[i].Pool));
            }
        }

        foreach (var node in _nodes)
        {
            node.SetPeers(_ids);
        }
    }

    /// <summary>Emulated time zero.</summary>
    public static DateTimeOffset Epoch { get; } = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public SimulationOptions Options { get; }

    public GossipProtocol Protocol { get; }

    public FakeTimeProvider Time { get; }

    public int Count => _nodes.Length;

    public IReadOnlyList<GossipNode> Nodes => _nodes;

    public IReadOnlyList<NodeId> Ids => _ids;

    public IReadOnlyList<SimulationEvent> Log => _log;

    public double NowMs => NowTicks / (double)TimeSpan.TicksPerMillisecond;

    /// <summary>Messages sent and not yet delivered or dropped.</summary>
    public int InTransit => _pending.Count;

    /// <summary>True when no message is in transit and no node waits for a download.</summary>
    public bool IsIdle => _pending.Count == 0 && _nodes.All(n => n.PendingDownloads == 0);

    private long NowTicks => (Time.GetUtcNow() - Epoch).Ticks;

    public GossipNode this[int index] => _nodes[index];

    public NodeId IdOf(int index) => _ids[index];

    /// <summary>What <paramref name="index"/> sends through, for a client that sends on the node's behalf (advert spam).</summary>
    public IGossipTransport TransportOf(int index) => new Transport(this, index);

    public int IndexOf(NodeId id) => _indexOf[id];

    /// <summary>Makes a fresh artifact with a synthetic body; ingress takes its attribute as its expiry (emulated ms).</summary>
    public Artifact NewArtifact(ArtifactKind kind, long attribute, int sizeBytes = 1024)
    {
        var sequence = ++_artifactSequence;
        return Artifact.Create(kind, attribute, "simulation", sequence, ArtifactBody.Synthetic(sizeBytes, (ulong)sequence));
    }

    /// <summary>Makes an artifact at <paramref name="node"/>, which puts it in its pool and spreads it.</summary>
    public Artifact Submit(int node, ArtifactKind kind, long attribute, int sizeBytes = 1024)
    {
        var artifact = NewArtifact(kind, attribute, sizeBytes);
        _nodes[node].Submit(artifact);
        return artifact;
    }

    /// <summary>Attaches a consensus client to every node, all on one run seed; returns them by node index.</summary>
    public IReadOnlyList<ConsensusClient> AttachConsensus(ConsensusSpec spec, ulong runSeed)
    {
        var clients = _nodes.Select(node => new ConsensusClient(node, spec, runSeed, _ids)).ToList();
        for (var i = 0; i < _nodes.Length; i++)
        {
            _nodes[i].Attach(clients[i]);
        }

        return clients;
    }

    public void SetLatency(int from, int to, double latencyMs) => _latencyMs[(from, to)] = latencyMs;

    public void SetBandwidth(int from, int to, double mbps) => _bandwidthMbps[(from, to)] = mbps;

    /// <summary>Cuts the directed link: what is sent on it, or arrives over it, from now on is dropped.</summary>
    public void Cut(int from, int to) => _cut.Add((from, to));

    public void CutBoth(int a, int b)
    {
        Cut(a, b);
        Cut(b, a);
    }

    /// <summary>Restores the directed link without telling the cores (the loss went unnoticed).</summary>
    public void Restore(int from, int to) => _cut.Remove((from, to));

    /// <summary>Restores both directions and tells both ends, as a reconnect would.</summary>
    public void Heal(int a, int b)
    {
        Restore(a, b);
        Restore(b, a);
        _nodes[a].OnLinkRestored(_ids[b]);
        _nodes[b].OnLinkRestored(_ids[a]);
    }

    /// <summary>Runs every event due within the next <paramref name="durationMs"/>, then moves the clock to its end.</summary>
    public void RunFor(double durationMs)
    {
        var limit = NowTicks + ToTicks(durationMs);
        while (Step(limit))
        {
        }

        if (limit > NowTicks)
        {
            Time.SetUtcNow(Epoch + TimeSpan.FromTicks(limit));
        }
    }

    /// <summary>Runs until <see cref="IsIdle"/>, for at most <paramref name="maxMs"/>; returns whether it got idle.</summary>
    public bool RunUntilIdle(double maxMs = 600_000) => RunUntil(() => IsIdle, maxMs);

    /// <summary>Runs until <paramref name="condition"/> holds, for at most <paramref name="maxMs"/>; returns whether it held.</summary>
    public bool RunUntil(Func<bool> condition, double maxMs)
    {
        var limit = NowTicks + ToTicks(maxMs);
        while (!condition())
        {
            if (!Step(limit))
            {
                return condition();
            }
        }

        return true;
    }

    /// <summary>
    /// Does the next thing due by <paramref name="limitTicks"/>: one delivery, or the ticks of every node whose deadline
    /// has come. Returns false when nothing is due by then.
    /// </summary>
    public bool Step(long limitTicks)
    {
        var now = NowTicks;
        long? nextDelivery = _pending.TryPeek(out _, out var key) ? key.AtTicks : null;
        long? nextDeadline = null;
        foreach (var node in _nodes)
        {
            if (node.NextDeadlineMs is { } deadlineMs)
            {
                var at = Math.Max(now, ToTicks(deadlineMs));
                nextDeadline = nextDeadline is { } earliest ? Math.Min(earliest, at) : at;
            }
        }

        long next;
        if (nextDelivery is { } d && (nextDeadline is not { } t0 || d <= t0))
        {
            next = d;
        }
        else if (nextDeadline is { } t1)
        {
            next = t1;
        }
        else
        {
            return false;
        }

        if (next > limitTicks)
        {
            return false;
        }

        if (next > now)
        {
            Time.SetUtcNow(Epoch + TimeSpan.FromTicks(next));
        }

        if (nextDelivery == next)
        {
            Deliver(_pending.Dequeue());
            return true;
        }

        for (var i = 0; i < _nodes.Length; i++)
        {
            if (_nodes[i].NextDeadlineMs is { } deadlineMs && ToTicks(deadlineMs) <= next)
            {
                _nodes[i].Tick();
                if (_nodes[i].NextDeadlineMs is { } after && ToTicks(after) <= next)
                {
                    throw new InvalidOperationException(
                        $"{_ids[i]} still has a deadline at {after} ms after its tick at {NowMs} ms: the simulation would not advance.");
                }
            }
        }

        return true;
    }

    /// <summary>Nodes whose validated pool holds <paramref name="id"/>.</summary>
    public int Holders(ArtifactId id) => _nodes.Count(n => n.Pool.Contains(id));

    /// <summary>When <paramref name="node"/> took <paramref name="id"/> into its pool from a peer, or null.</summary>
    public double? DeliveredAtMs(int node, ArtifactId id) =>
        _nodes[node].Ledger.Deliveries.Where(d => d.Artifact == id).Select(d => (double?)d.AtMs).FirstOrDefault();

    public IEnumerable<SimulationEvent> Events(SimulationEventKind kind, string? messageType = null) =>
        _log.Where(e => e.Kind == kind && (messageType is null || e.MessageType == messageType));

    /// <summary>
    /// Requests sent for an artifact while the same node still had one in flight for it: in flight from when it was
    /// sent until the requested body arrived or the download timeout passed. Empty when downloads never overlap.
    /// </summary>
    public IReadOnlyList<string> OverlappingRequests()
    {
        var timeoutMs = Options.Settings.DownloadTimeoutMs;
        var outstanding = new Dictionary<(NodeId Requester, ArtifactId Artifact), (NodeId Target, double SentAtMs)>();
        var overlaps = new List<string>();
        foreach (var e in _log)
        {
            if (e.Artifact is not { } artifact)
            {
                continue;
            }

            if (e.Kind == SimulationEventKind.Sent && e.MessageType == nameof(ArtifactRequest))
            {
                if (outstanding.TryGetValue((e.From, artifact), out var previous) && e.AtMs - previous.SentAtMs < timeoutMs)
                {
                    overlaps.Add($"{e} while the request to {previous.Target} of {previous.SentAtMs} ms was in flight");
                }

                outstanding[(e.From, artifact)] = (e.To, e.AtMs);
            }
            else if (e.Kind == SimulationEventKind.Delivered && e.MessageType == nameof(ArtifactTransfer) &&
                     outstanding.TryGetValue((e.To, artifact), out var request) && request.Target == e.From)
            {
                outstanding.Remove((e.To, artifact));
            }
        }

        return overlaps;
    }

    /// <summary>Everything the nodes counted, as text: equal for two runs exactly when their ledgers are.</summary>
    public string LedgerFingerprint()
    {
        var text = new StringBuilder();
        foreach (var node in _nodes)
        {
            text.Append(CultureInfo.InvariantCulture, $"{node.Self} nonMember={node.RejectedNonMember} pool={node.Pool.Count}")
                .Append(CultureInfo.InvariantCulture, $" pending={node.PendingDownloads}").AppendLine();
            foreach (var (kind, c) in node.Ledger.CountersByKind().OrderBy(p => p.Key))
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"  {kind}: created={c.Created} advertsSent={c.AdvertsSent} advertsReceived={c.AdvertsReceived} requests={c.RequestsSent} ")
                    .Append(CultureInfo.InvariantCulture,
                    $"bodies={c.BodiesReceived} bodyBytes={c.BodyBytesReceived} deliveries={c.Deliveries} timeouts={c.FetchTimeouts} ")
                    .Append(CultureInfo.InvariantCulture, $"rejected={c.Rejected} dropped={c.Dropped}").AppendLine();
            }

            foreach (var created in node.Ledger.Created)
            {
                text.Append(CultureInfo.InvariantCulture, $"  created {created.Artifact} {created.Kind} {created.Size} at {created.AtMs}").AppendLine();
            }

            foreach (var delivery in node.Ledger.Deliveries)
            {
                text.Append(CultureInfo.InvariantCulture, $"  delivered {delivery.Artifact} at {delivery.AtMs}").AppendLine();
            }

            foreach (var (peer, count) in node.Ledger.Misbehaviour.OrderBy(p => p.Key))
            {
                text.Append(CultureInfo.InvariantCulture, $"  misbehaviour {peer}={count}").AppendLine();
            }
        }

        return text.ToString();
    }

    /// <summary>Emulated milliseconds as clock ticks, rounded up so that a clock set to them has reached the time.</summary>
    private static long ToTicks(double ms)
    {
        var ticks = (long)Math.Ceiling(ms * TimeSpan.TicksPerMillisecond);
        while (ticks / (double)TimeSpan.TicksPerMillisecond < ms)
        {
            ticks++;
        }

        return ticks;
    }

    private static ArtifactId? ArtifactOf(GossipMessage message) => message switch
    {
        AdvertMessage advert => advert.Advert.Id,
        ArtifactRequest request => request.Id,
        ArtifactTransfer transfer => transfer.Artifact.Id,
        SlotUpdate update => update.Advert.Id,
        _ => null,
    };

    private void Record(SimulationEventKind kind, int from, int to, GossipMessage message) =>
        _log.Add(new SimulationEvent(NowMs, kind, _ids[from], _ids[to], message.GetType().Name, ArtifactOf(message)));

    private bool Send(int from, NodeId toId, GossipMessage message)
    {
        if (!_indexOf.TryGetValue(toId, out var to))
        {
            throw new InvalidOperationException($"{_ids[from]} sent {message.GetType().Name} to {toId}, which is not in the subnet");
        }

        Record(SimulationEventKind.Sent, from, to, message);
        if (_cut.Contains((from, to)))
        {
            Record(SimulationEventKind.Cut, from, to, message);
            return false;
        }

        if (Options.Loss > 0 && _lossRandom.NextDouble() < Options.Loss)
        {
            Record(SimulationEventKind.Lost, from, to, message);
            return false;
        }

        var departure = NowTicks;
        var mbps = _bandwidthMbps.TryGetValue((from, to), out var linkMbps) ? linkMbps : Options.BandwidthMbps;
        if (mbps is { } bandwidth)
        {
            var start = Math.Max(departure, _linkBusyUntil.GetValueOrDefault((from, to)));
            var transmitTicks = (long)Math.Ceiling(message.WireSize * 8.0 * TimeSpan.TicksPerSecond / (bandwidth * 1_000_000));
            departure = start + transmitTicks;
            _linkBusyUntil[(from, to)] = departure;
        }

        var latency = _latencyMs.TryGetValue((from, to), out var linkLatency) ? linkLatency : Options.LatencyMs;
        _pending.Enqueue(new Delivery(from, to, message), (departure + ToTicks(latency), _sequence++));
        return true;
    }

    private void Deliver(Delivery delivery)
    {
        if (_cut.Contains((delivery.From, delivery.To)))
        {
            Record(SimulationEventKind.Cut, delivery.From, delivery.To, delivery.Message);
            return;
        }

        Record(SimulationEventKind.Delivered, delivery.From, delivery.To, delivery.Message);
        _nodes[delivery.To].Receive(_ids[delivery.From], delivery.Message);
    }

    private readonly record struct Delivery(int From, int To, GossipMessage Message);

    private sealed class Transport(SimulatedSubnet subnet, int from) : IGossipTransport
    {
        public void Send(NodeId to, GossipMessage message) => subnet.Send(from, to, message);

        public bool TrySend(NodeId to, GossipMessage message) => subnet.Send(from, to, message);
    }
}
