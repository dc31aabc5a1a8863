using OrleansGossip.Abstractions.Reports;

namespace OrleansGossip.Silo.Reports.Comparison;

/// <summary>Puts the protocols' reports of one scenario side by side: subnets and kinds in the order they first appear.</summary>
public static class ComparisonBuilder
{
    public static ComparisonReport Build(IReadOnlyList<ProtocolRun> runs)
    {
        if (runs.Count == 0)
        {
            throw new ArgumentException("nothing to compare", nameof(runs));
        }

        var first = runs[0].Report;
        var subnets = runs.SelectMany(r => r.Report.Subnets.Select(s => s.Subnet)).Distinct().ToList();
        return new ComparisonReport
        {
            Scenario = first.Scenario,
            Seed = first.Seed,
            TimeScale = first.Host.TimeScale,
            DurationSeconds = first.DurationSeconds,
            Protocols = runs.Select(r => r.Protocol).ToList(),
            Runs = runs.Select(r => new ComparedRun(r.Protocol, r.Report.RunId, r.Folder, r.Report.Emulator, r.Report.Host)).ToList(),
            Subnets = subnets.Select(id => Subnet(id, runs)).ToList(),
        };
    }

    private static SubnetComparison Subnet(string id, IReadOnlyList<ProtocolRun> runs)
    {
        var reports = runs
            .Select(r => (r.Protocol, Subnet: r.Report.Subnets.FirstOrDefault(s => s.Subnet == id)))
            .Where(r => r.Subnet is not null)
            .Select(r => (r.Protocol, Subnet: r.Subnet!))
            .ToList();
        var kinds = reports.SelectMany(r => r.Subnet.Kinds.Select(k => k.Kind)).Distinct().ToList();
        var consensus = reports.Where(r => r.Subnet.Consensus is not null).ToDictionary(r => r.Protocol, r => Figures(r.Subnet.Consensus!));
        return new SubnetComparison
        {
            Subnet = id,
            Kinds = kinds.Select(kind => new KindComparison
            {
                Kind = kind,
                Protocols = reports
                    .Select(r => (r.Protocol, Kind: r.Subnet.Kinds.FirstOrDefault(k => k.Kind == kind)))
                    .Where(r => r.Kind is not null)
                    .ToDictionary(r => r.Protocol, r => Figures(r.Kind!)),
            }).ToList(),
            Consensus = consensus.Count == 0 ? null : consensus,
        };
    }

    public static KindFigures Figures(KindReport kind) => new()
    {
        Artifacts = kind.Artifacts,
        DeliveryRatio = kind.DeliveryRatio,
        LatencyP50Ms = kind.LatencyMs.P50,
        LatencyP90Ms = kind.LatencyMs.P90,
        LatencyP99Ms = kind.LatencyMs.P99,
        Reach50P50Ms = kind.Reach50Ms.P50,
        Reach67P50Ms = kind.Reach67Ms.P50,
        Reach90P50Ms = kind.Reach90Ms.P50,
        DuplicateRatio = Math.Round(kind.DuplicateRatio, 4),
        BodyBytesPerDelivery = kind.Deliveries == 0 ? 0 : Math.Round((double)kind.BodyBytesReceived / kind.Deliveries, 1),
        AdvertsPerDelivery = Math.Round(kind.AdvertsPerDelivery, 4),
        RequestsPerDelivery = Math.Round(kind.RequestsPerDelivery, 4),
        Deliveries = kind.Deliveries,
        BodyBytesReceived = kind.BodyBytesReceived,
    };

    private static ConsensusFigures Figures(ConsensusReport consensus) => new()
    {
        FinalizedHeight = consensus.FinalizedHeight,
        FinalizationRatePerSecond = Math.Round(consensus.FinalizationRatePerSecond, 4),
        ProposalToFinalizationP50Ms = consensus.ProposalToFinalizationMs.P50,
        ProposalToFinalizationP90Ms = consensus.ProposalToFinalizationMs.P90,
    };
}
