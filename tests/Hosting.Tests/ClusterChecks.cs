using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Reports;
using OrleansGossip.Cluster.Tests;
using Xunit;

namespace OrleansGossip.Hosting.Tests;

/// <summary>What a cluster formed through a real membership store must do: run a scenario across its silos to the end.</summary>
public static class ClusterChecks
{
    /// <summary>Runs the short traffic scenario through <paramref name="grains"/> and checks every artifact reached every node.</summary>
    public static async Task<RunReport> RunsTrafficAsync(IGrainFactory grains, string purpose)
    {
        var report = await grains.RunToCompletionAsync(TestRuns.NewId(purpose), TestScenarios.Traffic(GossipProtocol.AdvertGossip));
        var kinds = report.Subnets.Single().Kinds;
        Assert.NotEmpty(kinds);
        Assert.All(kinds, k => Assert.True(k.DeliveryRatio == 1, $"{k.Kind}: delivery ratio {k.DeliveryRatio}"));
        return report;
    }
}
