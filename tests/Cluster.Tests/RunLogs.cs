using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Scenarios;

namespace OrleansGossip.Cluster.Tests;

/// <summary>Reads what a run's nodes logged, to check when each got what, in emulated time.</summary>
public static class RunLogs
{
    /// <summary>The run logs of the nodes at indices 0 to <paramref name="count"/> - 1 of the test subnet.</summary>
    public static async Task<IReadOnlyList<NodeRunLog>> LogsAsync(this IGrainFactory grains, string runId, int count) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => grains.Node(runId, i).GetRunLogAsync()));

    /// <summary>Every artifact the logged nodes made: by whom (node index) and when (emulated ms).</summary>
    public static Dictionary<ArtifactId, (int Node, double AtMs)> Origins(IReadOnlyList<NodeRunLog> logs)
    {
        var origins = new Dictionary<ArtifactId, (int, double)>();
        for (var i = 0; i < logs.Count; i++)
        {
            foreach (var created in logs[i].Created)
            {
                origins[created.Artifact] = (i, created.AtMs);
            }
        }

        return origins;
    }

    /// <summary>When <paramref name="log"/>'s node got <paramref name="artifact"/>, or null.</summary>
    public static double? DeliveredAtMs(this NodeRunLog log, ArtifactId artifact) =>
        log.Deliveries.Where(d => d.Artifact == artifact).Select(d => (double?)d.AtMs).FirstOrDefault();

    /// <summary>A short real-time run of the test subnet carrying 1 KiB ingress at <paramref name="ingressPerSecond"/>.</summary>
    public static ScenarioSpec Ingress(string name, int nodes, double durationSeconds, double drainSeconds, double ingressPerSecond = 10) => new()
    {
        Name = name,
        Seed = 3,
        Protocol = GossipProtocol.AdvertGossip.WireName(),
        TimeScale = 1,
        DurationSeconds = durationSeconds,
        DrainSeconds = drainSeconds,
        Subnets = [TestScenarios.SubnetOf(nodes)],
        Workload = new WorkloadSpec { Ingress = new IngressSpec { RatePerSecond = ingressPerSecond, SizeBytes = 1024 } },
    };
}
