using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Nodes;

namespace OrleansGossip.Abstractions.Scenarios;

/// <summary>Checks a scenario's values, naming each field at fault by its JSON path.</summary>
public static class ScenarioValidator
{
    public const int MaxNodesPerSubnet = 10_000;
    public const double MaxTimeScale = 1_000;

    /// <summary>
    /// The least base latency of a link: a subnet advances in windows as long as its fastest message, and a link of no
    /// latency would leave it none.
    /// </summary>
    public const double MinLatencyMs = 1;

    private const string LatencyFloorReason = "a subnet advances in windows as long as its fastest link, and a message arrives a delivery tick (1 ms) after it leaves at the soonest";

    public static IReadOnlyList<string> Topologies { get; } = ["full-mesh", "random-regular", "ring", "small-world"];

    public static IReadOnlyList<string> LinkModels { get; } = ["constant", "uniform", "normal"];

    public static IReadOnlyList<string> SizeDistributions { get; } = ["constant", "uniform", "lognormal"];

    public static IReadOnlyList<string> FaultKinds { get; } =
        ["partition", "heal", "cut-link", "heal-link", "loss-burst", "crash", "restart", "add-node", "remove-node"];

    public static IReadOnlyList<ScenarioProblem> Validate(ScenarioSpec scenario)
    {
        var problems = new List<ScenarioProblem>();
        void Fail(string path, string message) => problems.Add(new ScenarioProblem(path, null, message));

        if (string.IsNullOrWhiteSpace(scenario.Name))
        {
            Fail("$.name", "a scenario needs a name");
        }

        if (!GossipProtocols.TryParse(scenario.Protocol, out _))
        {
            Fail("$.protocol", $"unknown protocol '{scenario.Protocol}'; expected one of {GossipProtocols.Names}");
        }

        if (!(scenario.TimeScale >= 0 && scenario.TimeScale <= MaxTimeScale))
        {
            Fail("$.timeScale", $"must be from 0 (unpaced) to {MaxTimeScale} (wall seconds per emulated second), not {scenario.TimeScale}");
        }

        if (!(scenario.DurationSeconds > 0 && scenario.DurationSeconds <= 86_400))
        {
            Fail("$.durationSeconds", $"must be above 0 and at most 86400, not {scenario.DurationSeconds}");
        }

        if (!(scenario.DrainSeconds >= 0 && scenario.DrainSeconds <= 3_600))
        {
            Fail("$.drainSeconds", $"must be from 0 to 3600, not {scenario.DrainSeconds}");
        }

        ValidateSubnets(scenario.Subnets, Fail);
        ValidateWorkload(scenario.Workload, Fail);
        ValidateFaults(scenario, Fail);
        if (scenario.Gossip is { } gossip)
        {
            ValidateGossip(gossip, Fail);
        }

        return problems;
    }

    private static void ValidateSubnets(IReadOnlyList<SubnetSpec>? subnets, Action<string, string> fail)
    {
        if (subnets is null || subnets.Count == 0)
        {
            fail("$.subnets", "a scenario needs at least one subnet");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < subnets.Count; i++)
        {
            var path = $"$.subnets[{i}]";
            var subnet = subnets[i];
            if (subnet is null)
            {
                fail(path, "a subnet cannot be null");
                continue;
            }

            if (string.IsNullOrWhiteSpace(subnet.Id) || subnet.Id.Contains('/'))
            {
                fail($"{path}.id", "a subnet needs an id, without '/'");
            }
            else if (!seen.Add(subnet.Id))
            {
                fail($"{path}.id", $"subnet id '{subnet.Id}' is used twice");
            }

            if (subnet.Nodes < 2 || subnet.Nodes > MaxNodesPerSubnet)
            {
                fail($"{path}.nodes", $"a subnet has from 2 to {MaxNodesPerSubnet} nodes, not {subnet.Nodes}");
            }

            ValidateTopology(subnet, path, fail);

            if (!(subnet.BandwidthMbps > 0))
            {
                fail($"{path}.bandwidthMbps", $"must be above 0, not {subnet.BandwidthMbps}");
            }

            var link = subnet.Link ?? new LinkSpec();
            if (!(link.LatencyMs >= MinLatencyMs && link.LatencyMs <= 60_000))
            {
                fail($"{path}.link.latencyMs", $"must be from {MinLatencyMs} to 60000, not {link.LatencyMs}: {LatencyFloorReason}");
            }

            if (!(link.JitterMs >= 0 && link.JitterMs <= 60_000))
            {
                fail($"{path}.link.jitterMs", $"must be from 0 to 60000, not {link.JitterMs}");
            }

            if (!(link.Loss >= 0 && link.Loss < 1))
            {
                fail($"{path}.link.loss", $"must be a probability from 0 up to (not including) 1, not {link.Loss}");
            }

            if (!LinkModels.Contains(link.Model))
            {
                fail($"{path}.link.model", $"unknown link model '{link.Model}'; expected one of {string.Join(", ", LinkModels)}");
            }

            if (!(link.StdDevMs >= 0 && link.StdDevMs <= 60_000))
            {
                fail($"{path}.link.stdDevMs", $"must be from 0 to 60000, not {link.StdDevMs}");
            }

            ValidateRegions(subnet, path, fail);

            ValidateBehaviours(subnet, path, fail);
        }
    }

    private static void ValidateBehaviours(SubnetSpec subnet, string subnetPath, Action<string, string> fail)
    {
        var assigned = 0;
        for (var j = 0; j < (subnet.Behaviours?.Count ?? 0); j++)
        {
            var path = $"{subnetPath}.behaviours[{j}]";
            var spec = subnet.Behaviours![j];
            if (!NodeBehaviours.TryParse(spec.Behaviour, out var behaviour))
            {
                fail($"{path}.behaviour", $"unknown behaviour '{spec.Behaviour}'; expected one of {NodeBehaviours.Names}");
            }
            else
            {
                ValidateBehaviourParameters(spec, behaviour, path, fail);
            }

            if (spec.Nodes is { } indices)
            {
                for (var k = 0; k < indices.Count; k++)
                {
                    if (indices[k] < 0 || indices[k] >= subnet.Nodes)
                    {
                        fail($"{path}.nodes[{k}]", $"node index {indices[k]} is outside the subnet's 0..{subnet.Nodes - 1}");
                    }
                }

                assigned += indices.Count;
            }
            else if (spec.Count is { } count)
            {
                if (count < 0)
                {
                    fail($"{path}.count", $"must not be negative, not {count}");
                }

                assigned += Math.Max(count, 0);
            }
            else
            {
                fail(path, "give either 'count' or 'nodes'");
            }
        }

        if (assigned >= subnet.Nodes && subnet.Nodes > 0)
        {
            fail($"{subnetPath}.behaviours", $"behaviours cover {assigned} of {subnet.Nodes} nodes; at least one node must stay honest");
        }
    }

    private static void ValidateTopology(SubnetSpec subnet, string path, Action<string, string> fail)
    {
        switch (subnet.Topology)
        {
            case "full-mesh" or "ring":
                break;
            case "random-regular":
                if (subnet.Degree is not { } degree || degree < 1 || degree >= subnet.Nodes)
                {
                    fail($"{path}.degree", $"a random-regular topology needs a degree from 1 to nodes - 1 ({subnet.Nodes - 1}), not {subnet.Degree?.ToString() ?? "none"}");
                }
                else if (degree * subnet.Nodes % 2 != 0)
                {
                    fail($"{path}.degree", $"degree {degree} times {subnet.Nodes} nodes is odd, so no {degree}-regular graph exists; change one of them");
                }

                break;
            case "small-world":
                if (subnet.Degree is not { } k || k < 2 || k % 2 != 0 || k >= subnet.Nodes)
                {
                    fail($"{path}.degree", $"a small-world topology needs an even degree from 2 to nodes - 1 ({subnet.Nodes - 1}), not {subnet.Degree?.ToString() ?? "none"}");
                }

                if (!(subnet.RewireProbability >= 0 && subnet.RewireProbability <= 1))
                {
                    fail($"{path}.rewireProbability", $"must be a probability from 0 to 1, not {subnet.RewireProbability}");
                }

                break;
            default:
                fail($"{path}.topology", $"unknown topology '{subnet.Topology}'; expected one of {string.Join(", ", Topologies)}");
                break;
        }
    }

    private static void ValidateRegions(SubnetSpec subnet, string path, Action<string, string> fail)
    {
        if (subnet.Regions is null)
        {
            if (subnet.RegionLatencyMs is not null)
            {
                fail($"{path}.regionLatencyMs", "a latency matrix needs 'regions' to place the nodes in");
            }

            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var placed = 0;
        for (var r = 0; r < subnet.Regions.Count; r++)
        {
            var region = subnet.Regions[r];
            if (string.IsNullOrWhiteSpace(region.Name) || !names.Add(region.Name))
            {
                fail($"{path}.regions[{r}].name", $"a region needs a name of its own, not '{region.Name}'");
            }

            if (region.Nodes < 1)
            {
                fail($"{path}.regions[{r}].nodes", $"a region has at least 1 node, not {region.Nodes}");
            }

            placed += Math.Max(0, region.Nodes);
        }

        if (placed != subnet.Nodes)
        {
            fail($"{path}.regions", $"the regions place {placed} nodes but the subnet has {subnet.Nodes}");
        }

        if (subnet.RegionLatencyMs is not { } matrix)
        {
            fail($"{path}.regionLatencyMs", "regions need a latency matrix between them");
            return;
        }

        foreach (var from in names)
        {
            foreach (var to in names)
            {
                var found = matrix.TryGetValue(from, out var row) && row.TryGetValue(to, out var latency)
                    ? latency
                    : matrix.TryGetValue(to, out var back) && back.TryGetValue(from, out var reverse) ? reverse : (double?)null;
                if (found is not { } ms)
                {
                    fail($"{path}.regionLatencyMs.{from}", $"no latency from region '{from}' to '{to}'");
                }
                else if (!(ms >= MinLatencyMs && ms <= 60_000))
                {
                    fail($"{path}.regionLatencyMs.{from}.{to}", $"must be from {MinLatencyMs} to 60000, not {ms}: {LatencyFloorReason}");
                }
            }
        }

        foreach (var name in matrix.Keys.Where(n => !names.Contains(n)))
        {
            fail($"{path}.regionLatencyMs.{name}", $"'{name}' is not one of the subnet's regions");
        }
    }

    private static void ValidateBehaviourParameters(BehaviourSpec spec, NodeBehaviour behaviour, string path, Action<string, string> fail)
    {
        switch (behaviour)
        {
            case NodeBehaviour.Slow when spec.Fraction is not ({ } f and > 0 and < 1):
                fail($"{path}.fraction", $"a slow node needs the share of its bandwidth it serves at, above 0 and below 1, not {spec.Fraction?.ToString() ?? "none"}");
                break;
            case NodeBehaviour.AdvertSpam when spec.RatePerSecond is not ({ } r and > 0 and <= 100_000):
                fail($"{path}.ratePerSecond", $"an advert-spam node needs bogus adverts per second, above 0 and at most 100000, not {spec.RatePerSecond?.ToString() ?? "none"}");
                break;
            case NodeBehaviour.Crash:
                if (spec.AtSeconds is not ({ } at and >= 0))
                {
                    fail($"{path}.atSeconds", $"a crash needs the time it happens, 0 or more, not {spec.AtSeconds?.ToString() ?? "none"}");
                }
                else if (spec.RestartAtSeconds is { } restart && !(restart > at))
                {
                    fail($"{path}.restartAtSeconds", $"a restart comes after the crash at {at} s, not at {restart} s");
                }

                break;
        }
    }

    private static void ValidateFaults(ScenarioSpec scenario, Action<string, string> fail)
    {
        var subnets = scenario.Subnets ?? [];
        for (var i = 0; i < (scenario.Faults?.Count ?? 0); i++)
        {
            var path = $"$.faults[{i}]";
            var fault = scenario.Faults![i];
            if (fault is null)
            {
                fail(path, "a fault cannot be null");
                continue;
            }

            if (!FaultKinds.Contains(fault.Kind))
            {
                fail($"{path}.kind", $"unknown fault '{fault.Kind}'; expected one of {string.Join(", ", FaultKinds)}");
                continue;
            }

            if (!(fault.AtSeconds >= 0 && fault.AtSeconds <= scenario.DurationSeconds + scenario.DrainSeconds))
            {
                fail($"{path}.atSeconds", $"must be within the run, from 0 to {scenario.DurationSeconds + scenario.DrainSeconds} s, not {fault.AtSeconds}");
            }

            var subnet = fault.Subnet is null
                ? (subnets.Count == 1 ? subnets[0] : null)
                : subnets.FirstOrDefault(s => s?.Id == fault.Subnet);
            if (subnet is null)
            {
                fail($"{path}.subnet", fault.Subnet is null
                    ? "name the subnet: the scenario has more than one"
                    : $"no subnet '{fault.Subnet}' in the scenario");
                continue;
            }

            ValidateFault(fault, subnet, path, fail);
        }
    }

    private static void ValidateFault(FaultSpec fault, SubnetSpec subnet, string path, Action<string, string> fail)
    {
        void CheckIndex(string at, int index)
        {
            if (index < 0 || index >= subnet.Nodes)
            {
                fail(at, $"node index {index} is outside the subnet's 0..{subnet.Nodes - 1}");
            }
        }

        void CheckNodes()
        {
            if (fault.Nodes is not { Count: > 0 } nodes)
            {
                fail($"{path}.nodes", $"a {fault.Kind} fault needs the indices of its nodes");
                return;
            }

            for (var k = 0; k < nodes.Count; k++)
            {
                CheckIndex($"{path}.nodes[{k}]", nodes[k]);
            }
        }

        switch (fault.Kind)
        {
            case "partition":
                if (fault.Groups is not { Count: >= 2 } groups)
                {
                    fail($"{path}.groups", "a partition needs at least two groups of node indices");
                    break;
                }

                var seen = new HashSet<int>();
                for (var g = 0; g < groups.Count; g++)
                {
                    if (groups[g] is not { Count: > 0 } group)
                    {
                        fail($"{path}.groups[{g}]", "a group needs at least one node");
                        continue;
                    }

                    for (var k = 0; k < group.Count; k++)
                    {
                        CheckIndex($"{path}.groups[{g}][{k}]", group[k]);
                        if (!seen.Add(group[k]))
                        {
                            fail($"{path}.groups[{g}][{k}]", $"node {group[k]} is in two groups");
                        }
                    }
                }

                break;
            case "cut-link" or "heal-link":
                if (fault.From is not { } from || fault.To is not { } to)
                {
                    fail(path, $"a {fault.Kind} fault needs 'from' and 'to' node indices");
                    break;
                }

                CheckIndex($"{path}.from", from);
                CheckIndex($"{path}.to", to);
                if (from == to)
                {
                    fail($"{path}.to", "a link joins two different nodes");
                }

                break;
            case "loss-burst":
                if (fault.Loss is not ({ } loss and >= 0 and < 1))
                {
                    fail($"{path}.loss", $"a loss burst needs a loss probability from 0 up to 1, not {fault.Loss?.ToString() ?? "none"}");
                }

                if (fault.DurationSeconds is not ({ } d and > 0))
                {
                    fail($"{path}.durationSeconds", $"a loss burst needs a duration above 0, not {fault.DurationSeconds?.ToString() ?? "none"}");
                }

                break;
            case "crash" or "restart" or "remove-node":
                CheckNodes();
                break;
            case "add-node":
                if (fault.Count is not ({ } c and >= 1 and <= MaxNodesPerSubnet))
                {
                    fail($"{path}.count", $"add-node needs how many nodes to add, from 1 to {MaxNodesPerSubnet}, not {fault.Count?.ToString() ?? "none"}");
                }

                break;
        }
    }

    private static void ValidateWorkload(WorkloadSpec? workload, Action<string, string> fail)
    {
        if (workload?.Ingress is { } ingress)
        {
            if (!(ingress.RatePerSecond >= 0 && ingress.RatePerSecond <= 1_000_000))
            {
                fail("$.workload.ingress.ratePerSecond", $"must be from 0 to 1000000, not {ingress.RatePerSecond}");
            }

            if (ingress.SizeBytes < 1 || ingress.SizeBytes > ArtifactKinds.MaxIngressBytes)
            {
                fail("$.workload.ingress.sizeBytes", $"an ingress message has from 1 to {ArtifactKinds.MaxIngressBytes} bytes (2 MiB), not {ingress.SizeBytes}");
            }

            if (!SizeDistributions.Contains(ingress.Distribution))
            {
                fail("$.workload.ingress.distribution", $"unknown size distribution '{ingress.Distribution}'; expected one of {string.Join(", ", SizeDistributions)}");
            }

            if (ingress.MinBytes < 1 || ingress.MaxBytes > ArtifactKinds.MaxIngressBytes || ingress.MinBytes > ingress.MaxBytes)
            {
                fail("$.workload.ingress.maxBytes", $"sizes range from minBytes to maxBytes, within 1 to {ArtifactKinds.MaxIngressBytes} (2 MiB), not {ingress.MinBytes} to {ingress.MaxBytes}");
            }
        }

        if (workload?.Blocks is { } blocks)
        {
            if (!(blocks.IntervalSeconds > 0))
            {
                fail("$.workload.blocks.intervalSeconds", $"must be above 0, not {blocks.IntervalSeconds}");
            }

            if (blocks.SizeBytes < 1 || blocks.SizeBytes > ArtifactKinds.MaxBlockPayloadBytes)
            {
                fail("$.workload.blocks.sizeBytes", $"a block proposal has from 1 to {ArtifactKinds.MaxBlockPayloadBytes} bytes (4 MiB), not {blocks.SizeBytes}");
            }
        }

        if (workload?.Consensus is { } consensus)
        {
            if (workload.Blocks is not null)
            {
                fail("$.workload.blocks", "choose either 'blocks' (a fixed clock) or 'consensus' (rounds the nodes drive), not both");
            }

            if (!(consensus.NotaryDelayMs >= 0 && consensus.NotaryDelayMs <= 60_000))
            {
                fail("$.workload.consensus.notaryDelayMs", $"must be from 0 to 60000, not {consensus.NotaryDelayMs}");
            }

            if (!(consensus.TargetBlockIntervalMs >= 0 && consensus.TargetBlockIntervalMs <= 600_000))
            {
                fail("$.workload.consensus.targetBlockIntervalMs", $"must be from 0 to 600000, not {consensus.TargetBlockIntervalMs}");
            }

            if (consensus.MaxBlockPayloadBytes < 0 || consensus.MaxBlockPayloadBytes > ArtifactKinds.MaxBlockPayloadBytes)
            {
                fail("$.workload.consensus.maxBlockPayloadBytes", $"must be from 0 to {ArtifactKinds.MaxBlockPayloadBytes} (4 MiB), not {consensus.MaxBlockPayloadBytes}");
            }

            if (consensus.BlockHeaderBytes < 1 || consensus.BlockHeaderBytes > ArtifactKinds.MaxSmallArtifactBytes)
            {
                fail("$.workload.consensus.blockHeaderBytes", $"must be from 1 to {ArtifactKinds.MaxSmallArtifactBytes}, not {consensus.BlockHeaderBytes}");
            }

            if (consensus.ShareBytes < 1 || consensus.ShareBytes > ArtifactKinds.MaxSmallArtifactBytes)
            {
                fail("$.workload.consensus.shareBytes", $"must be from 1 to {ArtifactKinds.MaxSmallArtifactBytes}, not {consensus.ShareBytes}");
            }
        }
    }

    private static void ValidateGossip(GossipSettings gossip, Action<string, string> fail)
    {
        if (!(gossip.DownloadTimeoutMs > 0))
        {
            fail("$.gossip.downloadTimeoutMs", $"must be above 0, not {gossip.DownloadTimeoutMs}");
        }

        if (!(gossip.PriorityRebuildMs > 0))
        {
            fail("$.gossip.priorityRebuildMs", $"must be above 0, not {gossip.PriorityRebuildMs}");
        }

        if (gossip.MaxDownloadsPerPeer < 1)
        {
            fail("$.gossip.maxDownloadsPerPeer", $"must be at least 1, not {gossip.MaxDownloadsPerPeer}");
        }

        if (!(gossip.RetransmissionIntervalMs > 0))
        {
            fail("$.gossip.retransmissionIntervalMs", $"must be above 0, not {gossip.RetransmissionIntervalMs}");
        }

        if (gossip.ConsensusFetchWindow < 0)
        {
            fail("$.gossip.consensusFetchWindow", $"must not be negative, not {gossip.ConsensusFetchWindow}");
        }

        if (gossip.PoolCapacityPerChannel < 1)
        {
            fail("$.gossip.poolCapacityPerChannel", $"must be at least 1, not {gossip.PoolCapacityPerChannel}");
        }

        if (gossip.IngressSlotLimit < 1)
        {
            fail("$.gossip.ingressSlotLimit", $"must be at least 1, not {gossip.IngressSlotLimit}");
        }

        if (gossip.SlotLimitPerChannel < 1)
        {
            fail("$.gossip.slotLimitPerChannel", $"must be at least 1, not {gossip.SlotLimitPerChannel}");
        }

        if (gossip.RegistryVersionsInUse < 1)
        {
            fail("$.gossip.registryVersionsInUse", $"must be at least 1, not {gossip.RegistryVersionsInUse}");
        }
    }
}
