using OrleansGossip.Abstractions.Scenarios;
using Xunit;

namespace OrleansGossip.Cluster.Tests;

/// <summary>
/// Every scenario of the library, shortened (fewer seconds, and fewer subnets for <c>many-subnets</c>), runs to
/// completion on three silos with its subnets, faults and deliveries reported.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LibraryScenarioTests(ClusterFixture fixture)
{
    /// <summary>The library's scenarios, by name.</summary>
    internal static readonly string[] Names = ["quickstart", "ic-app-subnet", "nns-subnet", "ingress-flood", "byzantine", "partition-heal", "churn", "many-subnets"];

    public static TheoryData<string> Library => new(Names);

    [Theory]
    [MemberData(nameof(Library))]
    public async Task A_shortened_library_scenario_runs_to_completion(string name)
    {
        var scenario = Shorten(TestScenarios.Library(name));
        Assert.Empty(ScenarioValidator.Validate(scenario));

        var report = await fixture.Grains.RunToCompletionAsync(TestRuns.NewId("library-" + name), scenario);

        Assert.Equal(scenario.Subnets.Count, report.Subnets.Count);
        Assert.Equal(scenario.Faults.Count, report.Faults.Count);
        foreach (var subnet in report.Subnets)
        {
            Assert.NotEmpty(subnet.Kinds);
            Assert.All(subnet.Kinds, kind => Assert.True(kind.Artifacts > 0 && kind.Deliveries > 0, $"{name}/{subnet.Subnet}/{kind.Kind}: nothing delivered"));
            if (name is "quickstart" or "ic-app-subnet" or "byzantine")
            {
                var ingress = subnet.Kinds.Single(k => k.Kind == "ingress");
                Assert.True(ingress.DeliveryRatio > 0.99, $"{name}: ingress delivery ratio {ingress.DeliveryRatio}");
            }
        }
    }

    /// <summary>
    /// Keeps the scenario's shape and question but makes it quick: seconds instead of tens, at most five subnets, and
    /// unpaced, which changes no figure.
    /// </summary>
    internal static ScenarioSpec Shorten(ScenarioSpec scenario)
    {
        var duration = Math.Min(scenario.DurationSeconds, 6);
        var scale = duration / scenario.DurationSeconds;
        var faults = scenario.Faults.Select(f => f with
        {
            AtSeconds = Math.Round(f.AtSeconds * scale, 3),
            DurationSeconds = f.DurationSeconds is { } d ? Math.Max(0.5, d * scale) : null,
        }).ToList();
        var subnets = scenario.Subnets.Take(5).Select(s => s with
        {
            Behaviours = s.Behaviours.Select(b => b with
            {
                AtSeconds = b.AtSeconds is { } at ? at * scale : null,
                RestartAtSeconds = b.RestartAtSeconds is { } back ? back * scale : null,
            }).ToList(),
        }).ToList();
        return scenario with
        {
            DurationSeconds = duration,
            DrainSeconds = Math.Min(scenario.DrainSeconds, 10),
            TimeScale = 0,
            Subnets = subnets,
            Faults = faults,
        };
    }
}
