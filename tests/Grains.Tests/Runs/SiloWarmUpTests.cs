using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Grains.Protocol;
using OrleansGossip.Grains.Telemetry;
using OrleansGossip.Silo.Commands;
using OrleansGossip.Silo.Hosting;
using Xunit;

namespace OrleansGossip.Grains.Tests.Runs;

/// <summary>The warm-up of <c>serve</c>'s silo: every protocol, on subnets of its own, in runs no list shows.</summary>
public sealed class SiloWarmUpTests
{
    [Fact]
    public void The_warm_up_runs_every_protocol_with_consensus_and_blocks_without_at_time_scale_1_on_valid_scenarios_without_faults()
    {
        var scenarios = SiloWarmUp.Scenarios(2);

        Assert.All(scenarios, scenario =>
        {
            Assert.Empty(ScenarioValidator.Validate(scenario));
            Assert.Equal(1, scenario.TimeScale);
            Assert.Equal(2, scenario.DurationSeconds);
            Assert.Empty(scenario.Faults);
            Assert.NotNull(scenario.Workload.Ingress);
        });
        var consensus = scenarios.Where(s => s.Workload.Consensus is not null).ToList();
        Assert.Equal(GossipProtocols.All.Select(p => p.WireName()).Order(), consensus.Select(s => s.Protocol).Order());
        Assert.All(consensus, scenario => Assert.Equal(SiloWarmUp.SubnetsPerProtocol, scenario.Subnets.Count));
        // Blocks on a clock, as the quickstart's, take code of their own.
        var blocks = Assert.Single(scenarios, s => s.Workload.Consensus is null);
        Assert.NotNull(blocks.Workload.Blocks);
        Assert.Equal(new ScenarioSpec().Protocol, blocks.Protocol);
    }

    [Fact]
    public async Task A_served_silo_warms_up_with_deliveries_lists_no_run_for_it_and_is_healthy_once_done()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var server = await EmbeddedServer.StartAsync("http://127.0.0.1:0", warmUpSeconds: 1, cancellationToken: cancellation);
        using var http = new HttpClient { BaseAddress = server.Address };

        // A second of workload and two of drain: not over when the server has just started.
        using (var early = await http.GetAsync(EmbeddedServer.HealthPath, cancellation))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, early.StatusCode);
        }

        var took = await server.WarmUp.Completion.WaitAsync(TimeSpan.FromMinutes(2), cancellation);

        Assert.NotNull(took);
        var telemetry = server.Services.GetRequiredService<TelemetryRecorder>();
        Assert.True(telemetry.Total(GossipEvent.Delivered) > 0, "the warm-up delivered nothing");
        using var runs = JsonDocument.Parse(await http.GetStringAsync("/api/runs", cancellation));
        Assert.Equal(0, runs.RootElement.GetArrayLength());
        using var done = await http.GetAsync(EmbeddedServer.HealthPath, cancellation);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
    }

    [Fact]
    public async Task A_served_silo_without_a_warm_up_is_done_with_it_at_once()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var server = await EmbeddedServer.StartAsync("http://127.0.0.1:0", cancellationToken: cancellation);

        Assert.Null(await server.WarmUp.Completion.WaitAsync(TimeSpan.FromMinutes(1), cancellation));
        Assert.Equal(0, server.Services.GetRequiredService<TelemetryRecorder>().Total(GossipEvent.Delivered));
        using var http = new HttpClient { BaseAddress = server.Address };
        using var health = await http.GetAsync(EmbeddedServer.HealthPath, cancellation);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Theory]
    [InlineData("serve", "-1")]
    [InlineData("serve", "601")]
    [InlineData("silo", "-0.5")]
    public async Task A_bad_warm_up_is_refused_before_anything_starts(string command, string seconds)
    {
        var exitCode = await EmulatorCommandLine.Create()
            .Parse([command, "--warmup", seconds])
            .InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
    }
}
