using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Reports;

namespace OrleansGossip.Grains.Runs;

/// <summary>
/// Turns the nodes' run logs into a subnet's figures per artifact kind. Reach times count honest nodes, the
/// creator included from the moment it made the artifact; delivery ratio counts the honest nodes other than the
/// creator that wanted the artifact (their priority function did not drop it before they got it); duplicate
/// ratio and messages per delivery count every node. Coverage is the mean share of honest nodes holding a kind's
/// artifacts against the time since each was made; one <see cref="ArtifactRow"/> per artifact gives the same per artifact.
/// Honest nodes (<see cref="IsHonest"/>) are those whose behaviour serves its peers honestly
/// (<see cref="NodeBehaviours.ServesHonestly"/>: honest, slow and crash nodes) and that are alive at the end of the run
/// (<see cref="NodeRunLog.Alive"/>): a node that crashed and did not restart, or that was removed from the registry,
/// is not one that should receive; a node that restarted, or was added during the run, is.
/// </summary>
public static class ReportBuilder
{
    private const int MaxTimelinePoints = 400;

    private static readonly IReadOnlyDictionary<ArtifactId, int> Empty = new Dictionary<ArtifactId, int>();

    /// <summary>How many points a kind's coverage curve has, from its artifacts' creation to the last delivery of any.</summary>
    public const int CoveragePoints = 50;

    /// <summary>True for a node counted as honest: it serves honestly and is alive (up and a member) at the end of the run.</summary>
    public static bool IsHonest(NodeRunLog log) => log.Behaviour.ServesHonestly() && log.Alive;

    /// <summary>The subnet's figures; when <paramref name="rows"/> is given, also adds a row per artifact to it, in creation order.</summary>
    public static SubnetReport BuildSubnet(SubnetId subnet, IReadOnlyList<NodeRunLog> logs, double durationSeconds, ICollection<ArtifactRow>? rows = null)
    {
        var honest = logs.Where(IsHonest).Select(l => l.Node).ToHashSet();
        var origins = new Dictionary<ArtifactId, (ArtifactOrigin Origin, NodeId Node)>();
        foreach (var log in logs)
        {
            foreach (var origin in log.Created)
            {
                origins.TryAdd(origin.Artifact, (origin, log.Node));
            }
        }

        var honestTimes = origins.Keys.ToDictionary(id => id, _ => new List<double>());
        var unwanted = origins.Keys.ToDictionary(id => id, _ => 0);
        foreach (var log in logs.Where(l => honest.Contains(l.Node)))
        {
            foreach (var id in log.Unwanted)
            {
                if (unwanted.TryGetValue(id, out var count))
                {
                    unwanted[id] = count + 1;
                }
            }
        }

        var receivers = origins.Keys.ToDictionary(id => id, _ => 0);
        foreach (var log in logs)
        {
            foreach (var delivery in log.Deliveries)
            {
                if (!receivers.ContainsKey(delivery.Artifact))
                {
                    continue;
                }

                receivers[delivery.Artifact]++;
                if (honest.Contains(log.Node))
                {
                    honestTimes[delivery.Artifact].Add(delivery.AtMs);
                }
            }
        }

        var bodies = origins.Keys.ToDictionary(id => id, _ => 0L);
        foreach (var log in logs)
        {
            foreach (var (id, count) in log.BodyReceipts ?? Empty)
            {
                if (bodies.TryGetValue(id, out var sum))
                {
                    bodies[id] = sum + count;
                }
            }
        }

        var subnetRows = rows is null ? null : new List<ArtifactRow>(origins.Count);
        var kinds = new List<KindReport>();
        foreach (var group in origins.Values.GroupBy(o => o.Origin.Kind).OrderBy(g => g.Key))
        {
            var counters = new KindCounters();
            foreach (var log in logs)
            {
                if (log.Counters.TryGetValue(group.Key, out var c))
                {
                    counters.Add(c);
                }
            }

            var kind = BuildKind(group.Key, group.ToList(), honest, honestTimes, receivers, unwanted, counters);
            kinds.Add(kind with { Coverage = BuildCoverage(group.ToList(), honest.Count, honestTimes) });
            subnetRows?.AddRange(group.Select(o => BuildRow(subnet, o.Origin, honest.Count, honestTimes[o.Origin.Artifact], bodies[o.Origin.Artifact])));
        }

        if (rows is not null && subnetRows is not null)
        {
            foreach (var row in subnetRows.OrderBy(r => r.CreatedAtMs).ThenBy(r => r.Artifact, StringComparer.Ordinal))
            {
                rows.Add(row);
            }
        }

        return new SubnetReport
        {
            Subnet = subnet.Value,
            Nodes = logs.Count,
            HonestNodes = honest.Count,
            Kinds = kinds,
            Consensus = BuildConsensus(logs.Where(l => honest.Contains(l.Node)).ToList(), origins, durationSeconds),
            ProtocolCounters = SumProtocolCounters(logs),
            RejectedNonMember = logs.Sum(l => l.RejectedNonMember),
        };
    }

    private static SortedDictionary<string, long> SumProtocolCounters(IReadOnlyList<NodeRunLog> logs)
    {
        var sums = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (name, value) in logs.SelectMany(l => l.ProtocolCounters ?? new Dictionary<string, long>()))
        {
            sums[name] = sums.GetValueOrDefault(name) + value;
        }

        return sums;
    }

    /// <summary>
    /// Consensus figures from the honest nodes' finalizations: the median node's finalized height and rate over the
    /// workload, and proposal-to-finalization times across nodes and heights. Null when nothing was finalized.
    /// </summary>
    public static ConsensusReport? BuildConsensus(
        IReadOnlyList<NodeRunLog> honestLogs,
        IReadOnlyDictionary<ArtifactId, (ArtifactOrigin Origin, NodeId Node)> origins,
        double durationSeconds)
    {
        if (honestLogs.All(l => l.Finalizations.Count == 0))
        {
            return null;
        }

        var byFinalHeight = honestLogs.OrderBy(l => l.Finalizations.Count == 0 ? 0 : l.Finalizations[^1].Height).ToList();
        var median = byFinalHeight[byFinalHeight.Count / 2];
        var durationMs = durationSeconds * 1000;
        var withinDuration = median.Finalizations.Where(f => f.AtMs <= durationMs).Select(f => f.Height).DefaultIfEmpty(0).Max();
        var delays = new List<double>();
        foreach (var log in honestLogs)
        {
            foreach (var finalization in log.Finalizations)
            {
                if (origins.TryGetValue(finalization.Block, out var proposal))
                {
                    delays.Add(finalization.AtMs - proposal.Origin.AtMs);
                }
            }
        }

        var timeline = median.Finalizations;
        var step = Math.Max(1, timeline.Count / MaxTimelinePoints);
        return new ConsensusReport
        {
            FinalizedHeight = median.Finalizations.Count == 0 ? 0 : median.Finalizations[^1].Height,
            FinalizationRatePerSecond = durationSeconds > 0 ? withinDuration / durationSeconds : 0,
            ProposalToFinalizationMs = Percentiles.Of(delays),
            Timeline = timeline.Where((_, i) => i % step == 0 || i == timeline.Count - 1)
                .Select(f => new HeightPoint(Math.Round(f.AtMs / 1000, 3), f.Height)).ToList(),
        };
    }

    private static KindReport BuildKind(
        ArtifactKind kind,
        List<(ArtifactOrigin Origin, NodeId Node)> artifacts,
        HashSet<NodeId> honest,
        Dictionary<ArtifactId, List<double>> honestTimes,
        Dictionary<ArtifactId, int> receivers,
        Dictionary<ArtifactId, int> unwanted,
        KindCounters counters)
    {
        var all = new List<double>();
        var reach50 = new List<double>();
        var reach67 = new List<double>();
        var reach90 = new List<double>();
        long shouldReceive = 0;
        long received = 0;
        long minimumBytes = 0;
        foreach (var (origin, creator) in artifacts)
        {
            var times = honestTimes[origin.Artifact];
            var creatorIsHonest = honest.Contains(creator);
            shouldReceive += honest.Count - (creatorIsHonest ? 1 : 0) - unwanted[origin.Artifact];
            received += times.Count;
            minimumBytes += (long)origin.Size * receivers[origin.Artifact];
            if (creatorIsHonest)
            {
                times.Add(origin.AtMs);
            }

            times.Sort();
            AddReach(times, honest.Count, 0.50, origin.AtMs, reach50);
            AddReach(times, honest.Count, 2.0 / 3.0, origin.AtMs, reach67);
            AddReach(times, honest.Count, 0.90, origin.AtMs, reach90);
            AddReach(times, honest.Count, 1.0, origin.AtMs, all);
        }

        var deliveries = counters.Deliveries;
        return new KindReport
        {
            Kind = kind.WireName(),
            Artifacts = artifacts.Count,
            DeliveryRatio = shouldReceive == 0 ? 1 : (double)received / shouldReceive,
            LatencyMs = Percentiles.Of(all),
            Reach50Ms = Percentiles.Of(reach50),
            Reach67Ms = Percentiles.Of(reach67),
            Reach90Ms = Percentiles.Of(reach90),
            DuplicateRatio = minimumBytes == 0 ? 0 : (double)counters.BodyBytesReceived / minimumBytes,
            AdvertsPerDelivery = deliveries == 0 ? 0 : (double)counters.AdvertsReceived / deliveries,
            RequestsPerDelivery = deliveries == 0 ? 0 : (double)counters.RequestsSent / deliveries,
            Deliveries = deliveries,
            BodyBytesReceived = counters.BodyBytesReceived,
            FetchTimeouts = counters.FetchTimeouts,
            Rejected = counters.Rejected,
        };
    }

    /// <summary>The time from creation until <paramref name="share"/> of <paramref name="population"/> nodes held the artifact, if they did.</summary>
    private static void AddReach(List<double> sortedTimes, int population, double share, double createdAtMs, List<double> into)
    {
        if (Reach(sortedTimes, population, share, createdAtMs) is { } ms)
        {
            into.Add(ms);
        }
    }

    /// <summary>The time from creation until <paramref name="share"/> of <paramref name="population"/> nodes held the artifact; null if they never did.</summary>
    private static double? Reach(List<double> sortedTimes, int population, double share, double createdAtMs)
    {
        var needed = Math.Max(1, (int)Math.Ceiling((share * population) - 1e-9));
        return sortedTimes.Count >= needed ? Math.Max(0, sortedTimes[needed - 1] - createdAtMs) : null;
    }

    /// <summary>
    /// The mean share of the <paramref name="population"/> honest nodes holding the kind's artifacts against the time since
    /// each was made, at <see cref="CoveragePoints"/> even steps from 0 to the latest time since creation at which any of
    /// them reached another honest node. <paramref name="holderTimes"/> are the honest holders' times, the honest creator's
    /// included (as <see cref="BuildKind"/> leaves them).
    /// </summary>
    private static IReadOnlyList<CoveragePoint> BuildCoverage(
        List<(ArtifactOrigin Origin, NodeId Node)> artifacts,
        int population,
        Dictionary<ArtifactId, List<double>> holderTimes)
    {
        if (artifacts.Count == 0 || population == 0)
        {
            return [];
        }

        var sinceCreation = new List<double>();
        foreach (var (origin, _) in artifacts)
        {
            foreach (var atMs in holderTimes[origin.Artifact])
            {
                sinceCreation.Add(Math.Max(0, atMs - origin.AtMs));
            }
        }

        sinceCreation.Sort();
        var possible = (double)artifacts.Count * population;
        var endMs = sinceCreation.Count == 0 ? 0 : sinceCreation[^1];
        var points = new List<CoveragePoint>(CoveragePoints);
        var held = 0;
        var steps = endMs > 0 ? CoveragePoints : 1;
        for (var i = 0; i < steps; i++)
        {
            var ms = i == steps - 1 ? endMs : endMs * i / (steps - 1);
            while (held < sinceCreation.Count && sinceCreation[held] <= ms)
            {
                held++;
            }

            points.Add(new CoveragePoint(Math.Round(ms, 3), Math.Round(held / possible, 4)));
        }

        return points;
    }

    /// <summary>One artifact's row; <paramref name="holderTimes"/> are sorted, the honest creator's time included.</summary>
    private static ArtifactRow BuildRow(SubnetId subnet, ArtifactOrigin origin, int population, List<double> holderTimes, long bodies) => new(
        subnet.Value,
        origin.Artifact.ToString(),
        origin.Kind.WireName(),
        origin.Size,
        Math.Round(origin.AtMs, 3),
        RoundOrNull(Reach(holderTimes, population, 0.50, origin.AtMs)),
        RoundOrNull(Reach(holderTimes, population, 2.0 / 3.0, origin.AtMs)),
        RoundOrNull(Reach(holderTimes, population, 1.0, origin.AtMs)),
        holderTimes.Count,
        bodies);

    private static double? RoundOrNull(double? ms) => ms is { } value ? Math.Round(value, 3) : null;
}
