using System.Net;
using System.Text.Json;
using Xunit;

namespace OrleansGossip.Gateway.Tests;

/// <summary><c>/api/runs</c>: starting a scenario, listing runs, status, report, stopping, and every refusal.</summary>
public sealed class RunEndpointTests(ServerFixture fixture)
{
    private Api Api => fixture.Api;

    [Fact]
    public async Task A_started_run_is_listed_reports_its_status_and_after_stopping_its_report()
    {
        const string run = "runs-lifecycle";
        var response = await Api.PostAsync($"/api/runs?id={run}", Scenarios.Small("lifecycle", nodes: 4));
        var started = await Api.OkAsync(response, HttpStatusCode.Created);
        Assert.Equal($"/api/runs/{run}", response.Headers.Location?.OriginalString);
        Assert.Equal("running", started.GetProperty("progress").GetProperty("phase").GetString());
        Assert.Equal("lifecycle", started.GetProperty("scenario").GetString());
        Assert.Equal(4, started.GetProperty("subnets")[0].GetProperty("nodes").GetArrayLength());

        var list = await Api.OkAsync(await Api.GetAsync("/api/runs"));
        Assert.Contains(list.EnumerateArray(), r => r.GetProperty("runId").GetString() == run && r.GetProperty("subnets")[0].GetString() == "app");

        await Eventually.UntilAsync(
            async () => (await Api.OkAsync(await Api.GetAsync($"/api/runs/{run}"))).GetProperty("progress").GetProperty("deliveries").GetInt64(),
            deliveries => deliveries > 0,
            because: "the run delivers");

        await Api.ProblemAsync(await Api.GetAsync($"/api/runs/{run}/report"), HttpStatusCode.Conflict, "run");
        await Api.ProblemAsync(await Api.PostAsync($"/api/runs?id={run}", Scenarios.Small("again")), HttpStatusCode.Conflict, "id");

        var stopped = await Api.OkAsync(await Api.PostAsync($"/api/runs/{run}/stop", null));
        Assert.Equal("completed", stopped.GetProperty("progress").GetProperty("phase").GetString());
        var report = await Api.OkAsync(await Api.GetAsync($"/api/runs/{run}/report"));
        Assert.Equal(run, report.GetProperty("runId").GetString());
        Assert.Equal("app", report.GetProperty("subnets")[0].GetProperty("subnet").GetString());
        Assert.True(report.GetProperty("emulator").GetProperty("deliveries").GetInt64() > 0);

        // Its clock stops with it: a completed run's progress stays where the run ended.
        var endedAt = stopped.GetProperty("progress").GetProperty("emulatedSeconds").GetDouble();
        await Task.Delay(50, TestContext.Current.CancellationToken);
        var later = await Api.OkAsync(await Api.GetAsync($"/api/runs/{run}"));
        Assert.Equal(endedAt, later.GetProperty("progress").GetProperty("emulatedSeconds").GetDouble());

        // Stopping again is harmless; a completed run takes no faults.
        await Api.OkAsync(await Api.PostAsync($"/api/runs/{run}/stop", null));
        await Api.ProblemAsync(await Api.PostAsync($"/api/runs/{run}/nodes/app-n0/crash", null), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_run_asked_to_warm_up_is_listed_at_once_warms_up_then_begins_and_only_it_is_listed()
    {
        const string run = "runs-warmed";
        var response = await Api.PostAsync($"/api/runs?id={run}&warmup=1", Scenarios.Small("warmed", nodes: 4));
        var started = await Api.OkAsync(response, HttpStatusCode.Created);
        Assert.Equal("warming-up", Phase(started));
        var warmUpId = started.GetProperty("warmUpRunId").GetString()!;
        Assert.StartsWith($"{run}-warmup-", warmUpId, StringComparison.Ordinal);

        var listed = await ListedRunsAsync();
        Assert.Contains(run, listed.Keys);
        Assert.DoesNotContain(warmUpId, listed.Keys);

        var running = await Eventually.UntilAsync(
            async () => await Api.OkAsync(await Api.GetAsync($"/api/runs/{run}")),
            status => Phase(status) == "running" && status.GetProperty("progress").GetProperty("deliveries").GetInt64() > 0,
            because: "the run begins once its warm-up is over, and delivers");
        Assert.Equal(warmUpId, running.GetProperty("warmUpRunId").GetString());
        Assert.Equal(4, running.GetProperty("subnets")[0].GetProperty("nodes").GetArrayLength());

        var warmUp = await Api.OkAsync(await Api.GetAsync($"/api/runs/{warmUpId}"));
        Assert.Equal("completed", Phase(warmUp));
        Assert.True(warmUp.GetProperty("progress").GetProperty("deliveries").GetInt64() > 0, "the warm-up delivered nothing");
        Assert.DoesNotContain(warmUpId, (await ListedRunsAsync()).Keys);
        await Api.OkAsync(await Api.PostAsync($"/api/runs/{run}/stop", null));
    }

    [Fact]
    public async Task A_run_stopped_while_it_warms_up_never_begins_and_says_why()
    {
        const string run = "runs-stopped-warming";
        var started = await Api.OkAsync(await Api.PostAsync($"/api/runs?id={run}&warmup=30", Scenarios.Small("stopped-warming", nodes: 4)), HttpStatusCode.Created);
        var warmUpId = started.GetProperty("warmUpRunId").GetString()!;

        // Nothing of the run exists yet to take a fault or report on.
        await Api.ProblemAsync(await Api.PostAsync($"/api/runs/{run}/nodes/app-n0/crash", null), HttpStatusCode.Conflict);
        await Api.ProblemAsync(await Api.GetAsync($"/api/runs/{run}/report"), HttpStatusCode.Conflict, "run");

        var stopped = await Api.OkAsync(await Api.PostAsync($"/api/runs/{run}/stop", null));
        Assert.Equal("failed", Phase(stopped));
        Assert.Contains("warm-up", stopped.GetProperty("progress").GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, stopped.GetProperty("progress").GetProperty("deliveries").GetInt64());
        Assert.Equal("completed", Phase(await Api.OkAsync(await Api.GetAsync($"/api/runs/{warmUpId}"))));

        var report = await Api.ProblemAsync(await Api.GetAsync($"/api/runs/{run}/report"), HttpStatusCode.Conflict, "run");
        Assert.Contains("warm-up", report.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("31")]
    [InlineData("soon")]
    [InlineData("1&warmup=2")]
    public async Task A_bad_warm_up_is_refused_before_any_run_starts(string warmup)
    {
        var run = $"runs-bad-warmup-{Guid.NewGuid():N}";
        await Api.ProblemAsync(await Api.PostAsync($"/api/runs?id={run}&warmup={warmup}", Scenarios.Small("bad-warmup")), HttpStatusCode.BadRequest, "warmup");
        await Api.ProblemAsync(await Api.GetAsync($"/api/runs/{run}"), HttpStatusCode.NotFound, "run");
    }

    [Fact]
    public async Task A_run_without_an_id_is_named_after_its_scenario()
    {
        var response = await Api.PostAsync("/api/runs", Scenarios.Small("named after me", durationSeconds: 1, drainSeconds: 0));
        var started = await Api.OkAsync(response, HttpStatusCode.Created);
        var id = started.GetProperty("progress").GetProperty("runId").GetString()!;
        Assert.StartsWith("named-after-me-", id, StringComparison.Ordinal);
        await Api.OkAsync(await Api.PostAsync($"/api/runs/{id}/stop", null));
    }

    [Theory]
    [InlineData("{ \"name\": \"x\", ", Api.AnyField)]
    [InlineData("{ \"name\": \"x\", \"subnets\": [ { \"id\": \"a\", \"nodes\": 3 } ], \"protocol\": \"gossip-by-pigeon\" }", "$.protocol")]
    [InlineData("{ \"name\": \"x\", \"subnets\": [ { \"id\": \"a\", \"nodes\": 0 } ] }", "$.subnets[0].nodes")]
    [InlineData("{ \"name\": \"x\", \"subnets\": [ { \"id\": \"a\", \"nodes\": 3 } ], \"workload\": { \"ingress\": { \"ratePerSecond\": 1, \"sizeBytes\": 3000000 } } }", "$.workload.ingress.sizeBytes")]
    [InlineData("{ \"name\": \"x\", \"subnets\": [ { \"id\": \"a\", \"nodes\": 3 } ], \"unknownField\": true }", "$.unknownField")]
    [InlineData("{ \"name\": \"x\", \"subnets\": [ { \"id\": \"a\", \"nodes\": \"three\" } ] }", "$.subnets[0].nodes")]
    [InlineData("{ \"name\": \"x\", \"subnets\": [ { \"id\": \"a\", \"nodes\": 3000 }, { \"id\": \"b\", \"nodes\": 3000 } ] }", "$.subnets")]
    [InlineData("{ \"subnets\": [] }", "$.name")]
    [InlineData("null", "$")]
    public async Task A_bad_scenario_is_refused_with_the_field_at_fault(string body, string field)
    {
        var before = await ListedRunsAsync();
        var problem = await Api.ProblemAsync(await Api.PostAsync("/api/runs", body), HttpStatusCode.BadRequest, field);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));

        // Other test classes start runs of their own meanwhile: what must not appear is a run of a refused scenario.
        var added = (await ListedRunsAsync()).Where(r => !before.ContainsKey(r.Key)).ToList();
        Assert.DoesNotContain(added, r => r.Value is "x" or "");
    }

    [Fact]
    public async Task A_scenario_problem_names_its_line()
    {
        const string body = "{\n  \"name\": \"x\",\n  \"subnets\": [ { \"id\": \"a\", \"nodes\": 3 } ],\n  \"timeScale\": -1\n}";
        var problem = await Api.ProblemAsync(await Api.PostAsync("/api/runs", body), HttpStatusCode.BadRequest, "$.timeScale");
        Assert.Equal(4, problem.GetProperty("lines").GetProperty("$.timeScale").GetInt32());
    }

    [Fact]
    public async Task Bad_requests_for_runs_are_refused()
    {
        await Api.ProblemAsync(await Api.PostAsync("/api/runs?id=bad%20id", Scenarios.Small("x")), HttpStatusCode.BadRequest, "id");
        await Api.ProblemAsync(await Api.PostAsync("/api/runs", Scenarios.Small("x"), "text/plain"), HttpStatusCode.UnsupportedMediaType);
        await Api.ProblemAsync(await Api.PostAsync("/api/runs", ""), HttpStatusCode.BadRequest, "$");
        await Api.ProblemAsync(await Api.GetAsync("/api/runs/no-such-run"), HttpStatusCode.NotFound, "run");
        await Api.ProblemAsync(await Api.GetAsync("/api/runs/no-such-run/report"), HttpStatusCode.NotFound, "run");
        await Api.ProblemAsync(await Api.PostAsync("/api/runs/no-such-run/stop", null), HttpStatusCode.NotFound, "run");
    }

    /// <summary>The listed runs: run id to scenario name.</summary>
    private static string? Phase(JsonElement status) => status.GetProperty("progress").GetProperty("phase").GetString();

    private async Task<Dictionary<string, string>> ListedRunsAsync() =>
        (await Api.OkAsync(await Api.GetAsync("/api/runs"))).EnumerateArray()
            .ToDictionary(r => r.GetProperty("runId").GetString()!, r => r.GetProperty("scenario").GetString() ?? "");
}
