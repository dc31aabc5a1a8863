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

    /// <summary>
    /// Submits an ingress message to the node at <paramref name="originIndex"/> through its run, as a client would,
    /// expiring an emulated hour after the run began; answers its id.
    /// </summary>
    public static async Task<ArtifactId> SubmitIngressAsync(this IGrainFactory grains, string runId, int originIndex, int sizeBytes = 4096)
    {
        var submitted = await grains.GetGrain<IRunGrain>(runId).SubmitArtifactAsync(NodeId(originIndex), ArtifactKind.Ingress, sizeBytes, null, 3_600_000);
        Assert.True(Hash128.TryParse(submitted.Artifact, out var hash), $"'{submitted.Artifact}' is an artifact id");
        return new ArtifactId(hash);
    }

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
    public static Task AllHoldAsync(IReadOnlyList<INodeGrain> nodes, IReadOnlyList<ArtifactId> artifacts, string what) =>
        Poll.UntilAsync(async () => (await MissingAsync(nodes, artifacts)).Count == 0, what);

    /// <summary>The (node, artifact) pairs not held yet, as "node: artifact" for failure messages.</summary>
    public static async Task<List<string>> MissingAsync(IReadOnlyList<INodeGrain> nodes, IReadOnlyList<ArtifactId> artifacts)
    {
        var checks = nodes.SelectMany(n => artifacts.Select(async a => (Node: n, Id: a, Held: await n.HasArtifactAsync(a))));
        var results = await Task.WhenAll(checks);
        return results.Where(r => !r.Held).Select(r => $"{r.Node.GetPrimaryKeyString()}: {r.Id}").ToList();
    }
}
