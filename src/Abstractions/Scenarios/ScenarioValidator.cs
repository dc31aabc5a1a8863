using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Nodes;

namespace OrleansGossip.Abstractions.Scenarios;

/// <summary>Checks a scenario's values, naming each field at fault by its JSON path.</summary>
public static class ScenarioValidator
{
    public const int MaxNodesPerSubnet = 10_000;
    public const double MaxTimeScale = 1_000;

    public static IReadOnlyList<string> Topologies { get; } = ["full-mesh"];

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

        if (!(scenario.TimeScale > 0 && scenario.TimeScale <= MaxTimeScale))
        {
            Fail("$.timeScale", $"must be above 0 and at most {MaxTimeScale} (wall seconds per emulated second), not {scenario.TimeScale}");
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

            if (!Topologies.Contains(subnet.Topology))
            {
                fail($"{path}.topology", $"unknown topology '{subnet.Topology}'; expected one of {string.Join(", ", Topologies)}");
            }

            if (!(subnet.BandwidthMbps > 0))
            {
                fail($"{path}.bandwidthMbps", $"must be above 0, not {subnet.BandwidthMbps}");
            }

            var link = subnet.Link ?? new LinkSpec();
            if (!(link.LatencyMs >= 0 && link.LatencyMs <= 60_000))
            {
                fail($"{path}.link.latencyMs", $"must be from 0 to 60000, not {link.LatencyMs}");
            }

            if (!(link.JitterMs >= 0 && link.JitterMs <= 60_000))
            {
                fail($"{path}.link.jitterMs", $"must be from 0 to 60000, not {link.JitterMs}");
            }

            if (!(link.Loss >= 0 && link.Loss < 1))
            {
                fail($"{path}.link.loss", $"must be a probability from 0 up to (not including) 1, not {link.Loss}");
            }

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
            if (!NodeBehaviours.TryParse(spec.Behaviour, out _))
            {
                fail($"{path}.behaviour", $"unknown behaviour '{spec.Behaviour}'; expected one of {NodeBehaviours.Names}");
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

        if (gossip.RegistryVersionsInUse < 1)
        {
            fail("$.gossip.registryVersionsInUse", $"must be at least 1, not {gossip.RegistryVersionsInUse}");
        }
    }
}
