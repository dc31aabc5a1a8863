using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Reports;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Grains.Runs;
using Xunit;

namespace OrleansGossip.Cluster.Tests;

/// <summary>Drives runs on the cluster and names their nodes and artifacts.</summary>
public static class TestRuns
{
    /// <summary>A run id no other test uses (run ids key the registry and the node grains).</summary>
    public static string NewId(string purpose) => $"{purpose}-{Guid.NewGuid():N}";

    public static NodeId NodeId(int index) => new(SubnetPlan.NodeName(TestScenarios.Subnet, index));

    public static INodeGrain Node(this IGrainFactory grains, string runId, int index) => grains.GetNode(runId, NodeId(index));

    public static IReadOnlyList<INodeGrain> Nodes(this IGrainFactory grains, string runId, int count) =>
        Enumerable.Range(0, count).Select(i => grains.Node(runId, i)).ToList();

    /// <summary>An ingress message as a client would submit it, expiring an emulated hour after the run began.</summary>
    public static Artifact Ingress(int originIndex, long sequence, int sizeBytes = 4096) =>
        Artifact.Create(
            ArtifactKind.Ingress,
            attribute: 3_600_000,
            origin: NodeId(originIndex).Value,
            sequence,
            ArtifactBody.Synthetic(sizeBytes, (ulong)sequence * 0x9E3779B97F4A7C15UL));

    /// <summary>Starts <paramref name="scenario"/>, waits until it has completed and returns its report.</summary>
    public static async Task<RunReport> RunToCompletionAsync(this IGrainFactory grains, string runId, ScenarioSpec scenario)
    {
        await grains.GetGrain<IRunGrain>(runId).StartAsync(scenario);
        return await grains.CompletionAsync(runId);
    }

    /// <summary>Waits until the started run <paramref name="runId"/> has completed and returns its report.</summary>
    public static async Task<RunReport> CompletionAsync(this IGrainFactory grains, string runId)
    {
        var run = grains.GetGrain<IRunGrain>(runId);
        var progress = await Poll.ForAsync(
            run.GetProgressAsync,
            p => p.Phase is RunPhase.Completed or RunPhase.Failed,
            $"run '{runId}' completes");
        Assert.True(progress.Phase == RunPhase.Completed, $"run '{runId}' failed: {progress.Error}");
        var report = await run.GetReportAsync();
        Assert.NotNull(report);
        Assert.Null(report.StoppedAtSeconds);
        return report;
    }

    /// <summary>Waits until every one of <paramref name="nodes"/> holds every one of <paramref name="artifacts"/>.</summary>
    public static Task AllHoldAsync(IReadOnlyList<INodeGrain> nodes, IReadOnlyList<Artifact> artifacts, string what) =>
        Poll.UntilAsync(async () => (await MissingAsync(nodes, artifacts)).Count == 0, what);

    /// <summary>The (node, artifact) pairs not held yet, as "node: artifact" for failure messages.</summary>
    public static async Task<List<string>> MissingAsync(IReadOnlyList<INodeGrain> nodes, IReadOnlyList<Artifact> artifacts)
    {
        var checks = nodes.SelectMany(n => artifacts.Select(async a => (Node: n, a.Id, Held: await n.HasArtifactAsync(a.Id))));
        var results = await Task.WhenAll(checks);
        return results.Where(r => !r.Held).Select(r => $"{r.Node.GetPrimaryKeyString()}: {r.Id}").ToList();
    }
}
