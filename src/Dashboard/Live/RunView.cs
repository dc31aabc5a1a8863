using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Live;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Dashboard.Contracts;

namespace OrleansGossip.Dashboard.Live;

/// <summary>
/// A watched run as the dashboard keeps it: the silos' batches (artifacts made, deliveries grouped by artifact, node
/// samples) joined into recent artifacts with their holders, a latency histogram per subnet and kind, and each node's
/// latest sample; with the run's status and registry, refreshed now and then. From it the dashboard builds the few
/// aggregates a browser receives.
/// </summary>
public sealed class RunView(string runId, TimeProvider wall)
{
    /// <summary>Upper bounds of the latency histogram's buckets, in emulated milliseconds; the last one is open.</summary>
    public static IReadOnlyList<double> LatencyBucketsMs { get; } =
        [10, 20, 50, 100, 150, 200, 300, 500, 750, 1_000, 1_500, 2_000, 3_000, 5_000, 10_000, 20_000, double.MaxValue];

    private const int MaxTracked = 5_000;
    private const int WaveSize = 8;
    private const int WavePerKind = 3;
    private const int CoverageSteps = 24;
    private const int CoverageArtifacts = 200;
    private static readonly Priority[] Classes = Enum.GetValues<Priority>();
    private const double ThroughputWindowSeconds = 2;

    private readonly Lock _lock = new();
    private readonly Dictionary<ArtifactId, Track> _tracks = [];
    private readonly Queue<ArtifactId> _order = new();
    private readonly Dictionary<NodeId, NodeEntry> _nodes = [];
    private readonly Dictionary<(SubnetId, ArtifactKind), long[]> _latency = [];
    private readonly Dictionary<SubnetId, SubnetTotals> _subnets = [];
    private readonly Queue<(DateTimeOffset At, long Deliveries)> _throughput = new();
    private long _deliveries;
    private double _latestAtMs;
    private RunStatus? _status;
    private RegistrySnapshot? _registry;

    public string RunId { get; } = runId;

    public RunStatus? Status
    {
        get { lock (_lock) { return _status; } }
    }

    public void SetStatus(RunStatus status, RegistrySnapshot? registry)
    {
        lock (_lock)
        {
            _status = status;
            _registry = registry ?? _registry;
        }
    }

    public void Ingest(LiveBatch batch)
    {
        lock (_lock)
        {
            foreach (var created in batch.Created)
            {
                var track = TrackOf(created.Artifact, created.Subnet);
                track.Kind = created.Kind;
                track.Size = created.Size;
                track.Origin = created.Node;
                track.CreatedAtMs = created.AtMs;
                Totals(created.Subnet).Artifacts[(int)created.Kind]++;
                _latestAtMs = Math.Max(_latestAtMs, created.AtMs);
                foreach (var (node, at) in track.Holders)
                {
                    if (node != created.Node)
                    {
                        AddLatency(track, at);
                    }
                }

                track.Holders[created.Node] = created.AtMs;
            }

            foreach (var group in batch.Deliveries)
            {
                var track = TrackOf(group.Artifact, group.Subnet);
                var totals = Totals(group.Subnet);
                for (var i = 0; i < group.Nodes.Count; i++)
                {
                    var node = group.Nodes[i];
                    var at = group.AtMs[i];
                    if (track.Holders.TryAdd(node, at))
                    {
                        _deliveries++;
                        totals.Deliveries++;
                        Entry(node).Deliveries++;
                        _latestAtMs = Math.Max(_latestAtMs, at);
                        AddLatency(track, at);
                    }
                }
            }

            foreach (var sample in batch.Nodes)
            {
                var entry = Entry(sample.Node);
                entry.Sample = sample;
                entry.Peers = sample.Peers ?? entry.Peers;
                entry.CutLinks = sample.CutLinks ?? entry.CutLinks;
                _latestAtMs = Math.Max(_latestAtMs, sample.AtMs);
            }
        }
    }

    /// <summary>The runs' subnets at a glance, for the overview.</summary>
    public OverviewUpdate BuildOverview()
    {
        lock (_lock)
        {
            var (status, rate) = (_status, Throughput());
            var subnets = SubnetIds().Select(subnet =>
            {
                var members = Members(subnet);
                var up = UpMembers(subnet, members);
                var totals = Totals(subnet);
                return new SubnetHealth(
                    subnet.Value,
                    members.Count,
                    members.Count - up,
                    _registry?.Version ?? 0,
                    MedianHeight(members),
                    totals.FinalizationRate(),
                    Delivered(subnet, up),
                    Percentile(Histogram(subnet, null), 0.9),
                    totals.Deliveries);
            }).ToList();
            var progress = status?.Progress;
            return new OverviewUpdate(
                RunId,
                status?.Scenario ?? "",
                status?.Protocol ?? "",
                Phase(progress),
                progress?.EmulatedSeconds ?? 0,
                progress?.DurationSeconds ?? 0,
                progress?.Slowdown ?? 0,
                status?.TimeScale ?? 0,
                rate,
                subnets);
        }
    }

    /// <summary>What the page shows of one subnet.</summary>
    public SubnetUpdate BuildSubnet(string subnetName)
    {
        var subnet = new SubnetId(subnetName);
        lock (_lock)
        {
            var status = _status;
            var progress = status?.Progress;
            var plan = status?.Subnets.FirstOrDefault(s => s.Id == subnetName);
            var members = Members(subnet);
            var up = UpMembers(subnet, members);
            var memberSet = members.ToHashSet();
            var ids = (plan?.Nodes.Select(n => new NodeId(n)) ?? []).Concat(members).Distinct().ToList();

            var nodes = ids.Select(id =>
            {
                _nodes.TryGetValue(id, out var entry);
                var index = plan is null ? -1 : IndexOf(plan.Nodes, id.Value);
                return new NodeState(
                    id.Value,
                    index >= 0 ? plan!.Behaviours[index] : "honest",
                    plan?.Down.Contains(id.Value) ?? entry?.Sample?.Crashed ?? false,
                    memberSet.Contains(id) || _registry is null,
                    entry?.Sample?.FinalizedHeight ?? 0,
                    entry?.Deliveries ?? 0);
            }).ToList();

            var edges = new HashSet<(string, string)>();
            var cut = new HashSet<(string, string)>();
            foreach (var id in ids)
            {
                if (!_nodes.TryGetValue(id, out var entry))
                {
                    continue;
                }

                foreach (var peer in entry.Peers)
                {
                    edges.Add(Pair(id.Value, peer.Value));
                }

                foreach (var peer in entry.CutLinks)
                {
                    cut.Add(Pair(id.Value, peer.Value));
                }
            }

            var totals = Totals(subnet);
            var kinds = ArtifactKinds.All
                .Where(k => totals.Artifacts[(int)k] > 0 || Counter(ids, k, LiveCounters.Deliveries) > 0)
                .Select(k => Figures(subnet, k, ids, up))
                .ToList();

            var queued = new long[Classes.Length];
            var backlog = new double[Classes.Length];
            var sampled = 0;
            foreach (var id in members)
            {
                if (_nodes.TryGetValue(id, out var entry) && entry.Sample is { Crashed: false } sample)
                {
                    sampled++;
                    for (var c = 0; c < Classes.Length; c++)
                    {
                        queued[c] += sample.QueuedFetches.ElementAtOrDefault(c);
                        backlog[c] += sample.UplinkBacklogMs.ElementAtOrDefault(c);
                    }
                }
            }

            if (sampled > 0)
            {
                for (var c = 0; c < Classes.Length; c++)
                {
                    backlog[c] = Math.Round(backlog[c] / sampled, 2);
                }
            }

            var height = MedianHeight(members);
            totals.RecordHeight(_latestAtMs, height);
            return new SubnetUpdate(
                RunId,
                subnetName,
                status?.Scenario ?? "",
                status?.Protocol ?? "",
                Phase(progress),
                progress?.EmulatedSeconds ?? 0,
                progress?.DurationSeconds ?? 0,
                _latestAtMs,
                progress?.ArtifactsCreated ?? 0,
                progress?.Deliveries ?? 0,
                progress?.ExpectedDeliveries ?? 0,
                totals.Artifacts.Sum(),
                totals.Deliveries,
                progress?.Slowdown ?? 0,
                status?.TimeScale ?? 0,
                Throughput(),
                _registry?.Version ?? 0,
                nodes,
                edges.Select(e => new[] { e.Item1, e.Item2 }).ToList(),
                cut.Select(e => new[] { e.Item1, e.Item2 }).ToList(),
                Wave(subnet, up),
                kinds,
                new QueueFigures(Classes.Select(c => c.ToString()).ToList(), queued, backlog),
                height,
                totals.FinalizationRate(),
                (status?.Faults ?? []).ToList(),
                SubnetIds().Select(s => s.Value).ToList());
        }
    }

    /// <summary>Records the subnets' finalized heights for their rates, when no browser asks for a subnet's detail.</summary>
    public void RecordHeights()
    {
        lock (_lock)
        {
            foreach (var subnet in SubnetIds())
            {
                Totals(subnet).RecordHeight(_latestAtMs, MedianHeight(Members(subnet)));
            }
        }
    }

    private KindFigures Figures(SubnetId subnet, ArtifactKind kind, IReadOnlyList<NodeId> nodes, int members)
    {
        var histogram = Histogram(subnet, kind);
        var bodies = Counter(nodes, kind, LiveCounters.BodiesReceived);
        var deliveries = Counter(nodes, kind, LiveCounters.Deliveries);
        return new KindFigures(
            kind.WireName(),
            Totals(subnet).Artifacts[(int)kind],
            deliveries,
            bodies,
            Counter(nodes, kind, LiveCounters.BodyBytesReceived),
            Math.Max(0, bodies - deliveries - Counter(nodes, kind, LiveCounters.Rejected)),
            Counter(nodes, kind, LiveCounters.AdvertsSent),
            Counter(nodes, kind, LiveCounters.RequestsSent),
            Percentile(histogram, 0.5),
            Percentile(histogram, 0.9),
            LatencyBucketsMs.Select(b => b == double.MaxValue ? -1 : b).ToList(),
            histogram,
            Coverage(subnet, kind, members));
    }

    /// <summary>
    /// The mean share of the subnet holding the kind's recent artifacts against the time since each was made, over
    /// artifacts old enough to have had the whole window (or, early on, all of them).
    /// </summary>
    private List<double[]> Coverage(SubnetId subnet, ArtifactKind kind, int members)
    {
        if (members == 0)
        {
            return [];
        }

        var tracks = _tracks.Values
            .Where(t => t.Subnet == subnet && t.Kind == kind && t.CreatedAtMs is not null)
            .OrderByDescending(t => t.CreatedAtMs)
            .Take(CoverageArtifacts)
            .ToList();
        if (tracks.Count == 0)
        {
            return [];
        }

        var spans = tracks.SelectMany(t => t.Holders.Values.Select(at => at - t.CreatedAtMs!.Value)).Where(d => d > 0).ToList();
        spans.Sort();
        var window = spans.Count == 0 ? 100 : Math.Max(100, spans[Math.Min(spans.Count - 1, (int)(spans.Count * 0.99))] * 1.2);
        var complete = tracks.Where(t => _latestAtMs - t.CreatedAtMs!.Value >= window).ToList();
        if (complete.Count > 0)
        {
            tracks = complete;
        }

        var points = new List<double[]>(CoverageSteps + 1);
        for (var step = 0; step <= CoverageSteps; step++)
        {
            var x = window * step / CoverageSteps;
            var share = tracks.Average(t => Math.Min(1, t.Holders.Values.Count(at => at - t.CreatedAtMs!.Value <= x) / (double)members));
            points.Add([Math.Round(x, 1), Math.Round(share, 4)]);
        }

        return points;
    }

    /// <summary>The subnet's latest artifacts: the newest few of each kind, newest first, so that rare kinds (blocks) show beside ingress.</summary>
    private List<WaveArtifact> Wave(SubnetId subnet, int members) => _tracks.Values
        .Where(t => t.Subnet == subnet && t.Kind is not null)
        .GroupBy(t => t.Kind)
        .SelectMany(g => g.OrderByDescending(t => t.CreatedAtMs ?? t.FirstSeenAtMs).Take(WavePerKind))
        .OrderByDescending(t => t.CreatedAtMs ?? t.FirstSeenAtMs)
        .Take(WaveSize)
        .Select(t =>
        {
            var holders = t.Holders.OrderBy(h => h.Value).ToList();
            return new WaveArtifact(
                t.Id.ToString(),
                t.Kind?.WireName() ?? "unknown",
                t.Size,
                t.Origin?.Value,
                t.CreatedAtMs,
                holders.Select(h => h.Key.Value).ToList(),
                holders.Select(h => h.Value).ToList(),
                members == 0 ? 0 : Math.Min(1, holders.Count / (double)members));
        })
        .ToList();

    /// <summary>
    /// The mean share of running members holding the subnet's ingress and block proposals made between 1 and 30 emulated
    /// seconds ago: the artifacts every node should get (consensus shares below a finalized height are rightly dropped).
    /// </summary>
    private double? Delivered(SubnetId subnet, int members)
    {
        if (members == 0)
        {
            return null;
        }

        var settled = _tracks.Values
            .Where(t => t.Subnet == subnet && t.Kind is ArtifactKind.Ingress or ArtifactKind.BlockProposal
                && t.CreatedAtMs is { } c && _latestAtMs - c is >= 1_000 and <= 30_000)
            .ToList();
        return settled.Count == 0 ? null : Math.Round(settled.Average(t => Math.Min(1, t.Holders.Count / (double)members)), 4);
    }

    private long Counter(IEnumerable<NodeId> nodes, ArtifactKind kind, int field)
    {
        var index = LiveCounters.IndexOf(kind, field);
        long sum = 0;
        foreach (var node in nodes)
        {
            if (_nodes.TryGetValue(node, out var entry) && entry.Sample is { } sample && index < sample.Counters.Length)
            {
                sum += sample.Counters[index];
            }
        }

        return sum;
    }

    private long[] Histogram(SubnetId subnet, ArtifactKind? kind)
    {
        if (kind is { } k)
        {
            return _latency.TryGetValue((subnet, k), out var counts) ? counts.ToArray() : new long[LatencyBucketsMs.Count];
        }

        var sum = new long[LatencyBucketsMs.Count];
        foreach (var ((s, _), counts) in _latency)
        {
            if (s == subnet)
            {
                for (var i = 0; i < sum.Length; i++)
                {
                    sum[i] += counts[i];
                }
            }
        }

        return sum;
    }

    /// <summary>The upper bound of the bucket holding the quantile; null when the histogram is empty.</summary>
    private static double? Percentile(long[] histogram, double quantile)
    {
        var total = histogram.Sum();
        if (total == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (var i = 0; i < histogram.Length; i++)
        {
            seen += histogram[i];
            if (seen >= rank)
            {
                return i == histogram.Length - 1 ? LatencyBucketsMs[^2] : LatencyBucketsMs[i];
            }
        }

        return LatencyBucketsMs[^2];
    }

    private void AddLatency(Track track, double atMs)
    {
        if (track.CreatedAtMs is not { } created || track.Kind is not { } kind)
        {
            return;
        }

        var latency = Math.Max(0, atMs - created);
        if (!_latency.TryGetValue((track.Subnet, kind), out var counts))
        {
            counts = new long[LatencyBucketsMs.Count];
            _latency[(track.Subnet, kind)] = counts;
        }

        var bucket = 0;
        while (bucket < LatencyBucketsMs.Count - 1 && latency > LatencyBucketsMs[bucket])
        {
            bucket++;
        }

        counts[bucket]++;
    }

    private Track TrackOf(ArtifactId id, SubnetId subnet)
    {
        if (!_tracks.TryGetValue(id, out var track))
        {
            track = new Track(id, subnet, _latestAtMs);
            _tracks[id] = track;
            _order.Enqueue(id);
            while (_order.Count > MaxTracked)
            {
                _tracks.Remove(_order.Dequeue());
            }
        }

        return track;
    }

    private NodeEntry Entry(NodeId node)
    {
        if (!_nodes.TryGetValue(node, out var entry))
        {
            entry = new NodeEntry();
            _nodes[node] = entry;
        }

        return entry;
    }

    private SubnetTotals Totals(SubnetId subnet)
    {
        if (!_subnets.TryGetValue(subnet, out var totals))
        {
            totals = new SubnetTotals();
            _subnets[subnet] = totals;
        }

        return totals;
    }

    private IEnumerable<SubnetId> SubnetIds()
    {
        var ids = new List<SubnetId>();
        foreach (var subnet in _status?.Subnets ?? [])
        {
            ids.Add(new SubnetId(subnet.Id));
        }

        foreach (var subnet in _registry?.Subnets ?? [])
        {
            if (!ids.Contains(subnet.Id))
            {
                ids.Add(subnet.Id);
            }
        }

        return ids;
    }

    /// <summary>How many of the subnet's members run (are not down): the share of the subnet an artifact should reach.</summary>
    private int UpMembers(SubnetId subnet, IReadOnlyList<NodeId> members)
    {
        var down = _status?.Subnets.FirstOrDefault(s => s.Id == subnet.Value)?.Down;
        return down is null ? members.Count : members.Count(m => !down.Contains(m.Value));
    }

    /// <summary>
    /// The subnet's members at the registry's latest version; before the registry is read or holds the subnet (a run
    /// setting up has not created its subnets yet), the run's nodes.
    /// </summary>
    private List<NodeId> Members(SubnetId subnet)
    {
        if (_registry is { } registry && registry.Subnets.Any(s => s.Id == subnet))
        {
            return registry.Nodes.Where(n => n.Subnet == subnet).Select(n => n.Id).ToList();
        }

        return _status?.Subnets.FirstOrDefault(s => s.Id == subnet.Value)?.Nodes.Select(n => new NodeId(n)).ToList() ?? [];
    }

    private long MedianHeight(IReadOnlyList<NodeId> members)
    {
        var heights = members
            .Select(m => _nodes.TryGetValue(m, out var e) && e.Sample is { Crashed: false } s ? s.FinalizedHeight : -1)
            .Where(h => h >= 0)
            .Order()
            .ToList();
        return heights.Count == 0 ? 0 : heights[heights.Count / 2];
    }

    /// <summary>Deliveries per wall second over the last two seconds, as this dashboard saw them.</summary>
    private double Throughput()
    {
        var now = wall.GetUtcNow();
        _throughput.Enqueue((now, _deliveries));
        while (_throughput.Count > 1 && (now - _throughput.Peek().At).TotalSeconds > ThroughputWindowSeconds)
        {
            _throughput.Dequeue();
        }

        var (at, deliveries) = _throughput.Peek();
        var seconds = (now - at).TotalSeconds;
        return seconds <= 0 ? 0 : Math.Round((_deliveries - deliveries) / seconds, 1);
    }

    private static string Phase(RunProgress? progress) => (progress?.Phase ?? RunPhase.NotStarted).WireName();

    private static int IndexOf(IReadOnlyList<string> values, string value)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] == value)
            {
                return i;
            }
        }

        return -1;
    }

    private static (string, string) Pair(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);

    private sealed class Track(ArtifactId id, SubnetId subnet, double firstSeenAtMs)
    {
        public ArtifactId Id { get; } = id;

        public SubnetId Subnet { get; } = subnet;

        public double FirstSeenAtMs { get; } = firstSeenAtMs;

        public ArtifactKind? Kind { get; set; }

        public int Size { get; set; }

        public NodeId? Origin { get; set; }

        public double? CreatedAtMs { get; set; }

        public Dictionary<NodeId, double> Holders { get; } = [];
    }

    private sealed class NodeEntry
    {
        public LiveNodeSample? Sample { get; set; }

        public IReadOnlyList<NodeId> Peers { get; set; } = [];

        public IReadOnlyList<NodeId> CutLinks { get; set; } = [];

        public long Deliveries { get; set; }
    }

    private sealed class SubnetTotals
    {
        private readonly Queue<(double AtMs, long Height)> _heights = new();

        public long[] Artifacts { get; } = new long[ArtifactKinds.All.Count];

        public long Deliveries { get; set; }

        public void RecordHeight(double atMs, long height)
        {
            if (_heights.Count > 0 && _heights.Last().AtMs >= atMs)
            {
                return;
            }

            _heights.Enqueue((atMs, height));
            while (_heights.Count > 1 && atMs - _heights.Peek().AtMs > 10_000)
            {
                _heights.Dequeue();
            }
        }

        /// <summary>Heights finalized per emulated second over the last ten (or as many as there are).</summary>
        public double FinalizationRate()
        {
            if (_heights.Count < 2)
            {
                return 0;
            }

            var (fromMs, fromHeight) = _heights.Peek();
            var (toMs, toHeight) = _heights.Last();
            return toMs - fromMs < 500 ? 0 : Math.Round((toHeight - fromHeight) / ((toMs - fromMs) / 1000), 2);
        }
    }
}
