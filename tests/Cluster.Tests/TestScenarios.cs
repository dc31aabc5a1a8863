using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Tests.Shared;

namespace OrleansGossip.Cluster.Tests;

/// <summary>Short scenarios for the cluster tests: one subnet named <see cref="Subnet"/>, fast links, real time.</summary>
public static class TestScenarios
{
    public const string Subnet = "app";

    /// <summary>
    /// A subnet without workload that stays running long enough for a test to drive its nodes by hand; stop it
    /// with <c>IRunGrain.StopAsync</c>.
    /// </summary>
    public static ScenarioSpec Idle(int nodes, GossipSettings? gossip = null) => new()
    {
        Name = "idle",
        Protocol = GossipProtocol.AdvertGossip.WireName(),
        TimeScale = 1,
        DurationSeconds = 600,
        DrainSeconds = 0,
        Subnets = [SubnetOf(nodes)],
        Workload = new WorkloadSpec(),
        Gossip = gossip,
    };

    /// <summary>13 nodes carrying 1 KiB ingress at 20/s and a 128 KiB block a second for 3 s.</summary>
    public static ScenarioSpec Traffic(GossipProtocol protocol) => new()
    {
        Name = $"traffic-{protocol.WireName()}",
        Seed = 7,
        Protocol = protocol.WireName(),
        TimeScale = 1,
        DurationSeconds = 3,
        DrainSeconds = 30,
        Subnets = [SubnetOf(13)],
        Workload = new WorkloadSpec
        {
            Ingress = new IngressSpec { RatePerSecond = 20, SizeBytes = 1024 },
            Blocks = new BlockSpec { IntervalSeconds = 1, SizeBytes = 128 * 1024 },
        },
    };

    public static SubnetSpec SubnetOf(int nodes, double latencyMs = 20) => new()
    {
        Id = Subnet,
        Nodes = nodes,
        Link = new LinkSpec { LatencyMs = latencyMs },
        BandwidthMbps = 300,
    };

    /// <summary>A scenario of the library in <c>scenarios/</c>, as a user would load it.</summary>
    public static ScenarioSpec Library(string name) =>
        ScenarioLoader.LoadFile(RepositoryFiles.Path("scenarios", name + ".json"));
}
