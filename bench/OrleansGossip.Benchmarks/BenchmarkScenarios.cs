using System.Globalization;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Scenarios;

namespace OrleansGossip.Benchmarks;

/// <summary>The scenarios the benchmarks run, built in code.</summary>
public static class BenchmarkScenarios
{
    /// <summary>
    /// <paramref name="subnets"/> full-mesh subnets of <paramref name="nodesPerSubnet"/> nodes (50 ms links,
    /// 300 Mbit/s), each carrying small ingress messages at <paramref name="ingressPerSecond"/> and no blocks,
    /// disseminated by advert gossip in real time.
    /// </summary>
    public static ScenarioSpec Throughput(
        string name,
        int subnets,
        int nodesPerSubnet,
        double ingressPerSecond,
        int ingressBytes,
        double durationSeconds,
        double drainSeconds) => new()
    {
        Name = name,
        Description = string.Create(CultureInfo.InvariantCulture,
            $"{subnets} x {nodesPerSubnet} nodes, {ingressBytes} B ingress at {ingressPerSecond}/s per subnet, no blocks"),
        Seed = 7,
        Protocol = GossipProtocol.AdvertGossip.WireName(),
        TimeScale = 1,
        DurationSeconds = durationSeconds,
        DrainSeconds = drainSeconds,
        Subnets = Subnets(subnets, nodesPerSubnet),
        Workload = new WorkloadSpec { Ingress = new IngressSpec { RatePerSecond = ingressPerSecond, SizeBytes = ingressBytes } },
    };

    /// <summary>
    /// <paramref name="nodes"/> nodes in subnets of <paramref name="subnetSize"/> (the last one takes the rest), with
    /// no workload at all: every node is configured for the run and then sits idle.
    /// </summary>
    public static ScenarioSpec Idle(string name, int nodes, int subnetSize, double durationSeconds)
    {
        var subnets = new List<SubnetSpec>();
        for (var first = 0; first < nodes; first += subnetSize)
        {
            var size = Math.Min(subnetSize, nodes - first);
            if (size < 2 && subnets.Count > 0)
            {
                // A subnet has at least two nodes: the odd one joins the previous subnet.
                subnets[^1] = subnets[^1] with { Nodes = subnets[^1].Nodes + size };
                break;
            }

            subnets.Add(new SubnetSpec { Id = $"s{subnets.Count}", Nodes = size });
        }

        return new ScenarioSpec
        {
            Name = name,
            Description = $"{nodes} idle nodes in subnets of {subnetSize}",
            Protocol = GossipProtocol.AdvertGossip.WireName(),
            TimeScale = 1,
            DurationSeconds = durationSeconds,
            DrainSeconds = 0,
            Subnets = subnets,
            Workload = new WorkloadSpec(),
        };
    }

    private static List<SubnetSpec> Subnets(int count, int nodes) =>
        Enumerable.Range(0, count).Select(i => new SubnetSpec
        {
            Id = $"s{i}",
            Nodes = nodes,
            Link = new LinkSpec { LatencyMs = 50 },
            BandwidthMbps = 300,
        }).ToList();
}
