using System.Text.Json;
using OrleansGossip.Abstractions.Reports;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Silo.Commands;
using OrleansGossip.Silo.Reports;
using OrleansGossip.Tests.Shared;
using Xunit;

namespace OrleansGossip.Grains.Tests.Runs;

/// <summary>The warm-up run that <c>run</c> and <c>compare</c> make before each measured run.</summary>
public sealed class WarmUpRunTests : IDisposable
{
    private readonly TempFolder _folder = new("warmup");

    [Fact]
    public void A_warm_up_runs_the_scenarios_workload_at_time_scale_1_on_its_first_subnets_without_faults()
    {
        var library = ScenarioLoader.LoadFile(RepositoryFiles.Path("scenarios", "partition-heal.json"));
        var many = library with
        {
            TimeScale = 10,
            Subnets = Enumerable.Range(0, WarmUpScenario.MaxSubnets + 5).Select(i => library.Subnets[0] with { Id = $"s{i}" }).ToList(),
            Faults = [],
        };

        var warmUp = WarmUpScenario.Of(many, 2.5);

        Assert.Equal(1, warmUp.TimeScale);
        Assert.Equal(2.5, warmUp.DurationSeconds);
        Assert.Equal(many.Subnets.Take(WarmUpScenario.MaxSubnets).Select(s => s.Id), warmUp.Subnets.Select(s => s.Id));
        Assert.Equal(many.Workload, warmUp.Workload);
        Assert.Equal(many.Protocol, warmUp.Protocol);
        Assert.Empty(WarmUpScenario.Of(library, 1).Faults);
        Assert.NotEmpty(library.Faults);
        Assert.Empty(ScenarioValidator.Validate(WarmUpScenario.Of(library, 1)));
        Assert.NotEqual(library.Name, WarmUpScenario.Of(library, 1).Name);

        Assert.Equal(2.5, WarmUpScenario.For(many, 2.5, out var problem)?.DurationSeconds);
        Assert.Null(problem);
        Assert.Null(WarmUpScenario.For(many, 0, out problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(3, true)]
    [InlineData(-1, false)]
    [InlineData(double.NaN, false)]
    [InlineData(601, false)]
    public void A_warm_ups_length_is_checked(double seconds, bool accepted)
    {
        var problem = WarmUpRun.Check(seconds);

        Assert.Equal(accepted, problem is null);
        if (!accepted)
        {
            Assert.Contains("--warmup", problem);
        }
    }

    [Fact]
    public async Task A_run_after_a_warm_up_reports_what_the_same_run_without_one_does()
    {
        var library = ScenarioLoader.LoadFile(RepositoryFiles.Path("scenarios", "quickstart.json"));
        var scenario = _folder.Path("short.json");
        var shortened = library with { DurationSeconds = 2, DrainSeconds = 2 };
        await File.WriteAllTextAsync(scenario, JsonSerializer.Serialize(shortened, ScenarioLoader.JsonOptions), TestContext.Current.CancellationToken);

        var warmed = await RunAsync(scenario, "warmed", "1");
        var cold = await RunAsync(scenario, "cold", "0");

        Assert.Equal(shortened.Name, warmed.Scenario);
        Assert.Equal(1, warmed.TimeScale);
        Assert.Equal(Kinds(cold), Kinds(warmed));
        Assert.Equal(cold.Emulator.Deliveries, warmed.Emulator.Deliveries);
        Assert.True(warmed.Emulator.Deliveries > 0);
    }

    [Fact]
    public async Task A_negative_warm_up_is_refused_before_anything_runs()
    {
        var output = _folder.Path("refused");

        var exitCode = await EmulatorCommandLine.Create()
            .Parse(["run", RepositoryFiles.Path("scenarios", "quickstart.json"), "--out", output, "--warmup", "-2"])
            .InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.False(Directory.Exists(output));
    }

    public void Dispose() => _folder.Dispose();

    private static Dictionary<string, int> Kinds(RunReport report) =>
        report.Subnets.SelectMany(s => s.Kinds).ToDictionary(k => k.Kind, k => k.Artifacts);

    private async Task<RunReport> RunAsync(string scenario, string folder, string warmup)
    {
        var output = _folder.Path(folder);
        var exitCode = await EmulatorCommandLine.Create()
            .Parse(["run", scenario, "--out", output, "--warmup", warmup])
            .InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(0, exitCode);
        await using var json = File.OpenRead(Path.Combine(output, ReportWriter.JsonFileName));
        return await JsonSerializer.DeserializeAsync<RunReport>(json, ScenarioLoader.JsonOptions, TestContext.Current.CancellationToken)
            ?? throw new InvalidOperationException("report.json is empty");
    }
}
