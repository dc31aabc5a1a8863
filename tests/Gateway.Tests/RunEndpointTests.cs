using System.Net;
using System.Text.Json;
using Xunit;

namespace OrleansGossip.Gateway.Tests;

/// <summary><c>/api/runs</c>: starting a scenario, listing runs, status, report, event log, stopping, and every refusal.</summary>
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
    public async Task A_runs_event_log_lists_what_came_from_outside_with_the_emulated_time_it_landed_at()
    {
        const string run = "runs-events";
        await Api.OkAsync(await Api.PostAsync($"/api/runs?id={run}", Scenarios.Small("events", nodes: 4, ingressPerSecond: 0)), HttpStatusCode.Created);

        // A run's own workload and scenario are no events: nothing has come from outside yet.
        var none = await Api.OkAsync(await Api.GetAsync($"/api/runs/{run}/events"));
        Assert.Equal(JsonValueKind.Array, none.ValueKind);
        Assert.Equal(0, none.GetArrayLength());

        await Api.OkAsync(await Api.PostAsync($"/api/runs/{run}/nodes/app-n3/crash", null));
        await Api.OkAsync(await Api.PutAsync($"/api/runs/{run}/nodes/app-n1/behaviour", """{ "behaviour": "slow", "fraction": 0.25 }"""));
        await Api.OkAsync(await Api.PostAsync($"/api/runs/{run}/nodes/app-n0/artifacts", """{ "kind": "ingress", "size": 2048 }"""), HttpStatusCode.Accepted);

        var events = (await Eventually.UntilAsync(
            async () => await Api.OkAsync(await Api.GetAsync($"/api/runs/{run}/events")),
            log => log.GetArrayLength() == 3,
            because: "the crash, the behaviour and the submission each land in the log")).EnumerateArray().ToList();
        Assert.Equal(["fault", "behaviour", "submission"], events.Select(e => e.GetProperty("kind").GetString()));
        var landed = events.Select(e => e.GetProperty("atMs").GetDouble()).ToList();
        Assert.All(landed, at => Assert.True(at >= 0, $"landed at {at} ms"));
        Assert.Equal(landed.Order(), landed);

        var fault = events[0].GetProperty("fault");
        Assert.Equal("crash", fault.GetProperty("kind").GetString());
        Assert.Equal([3], fault.GetProperty("nodes").EnumerateArray().Select(n => n.GetInt32()));

        Assert.Equal("app", events[1].GetProperty("subnet").GetString());
        Assert.Equal(1, events[1].GetProperty("node").GetInt32());
        Assert.Equal("slow", events[1].GetProperty("behaviour").GetString());
        Assert.Equal(0.25, events[1].GetProperty("fraction").GetDouble());

        Assert.Equal("app-n0", events[2].GetProperty("node").GetString());
        Assert.Equal("ingress", events[2].GetProperty("artifactKind").GetString(), ignoreCase: true);
        Assert.Equal(2048, events[2].GetProperty("size").GetInt32());

        // The log outlives the run.
        await Api.OkAsync(await Api.PostAsync($"/api/runs/{run}/stop", null));
        Assert.Equal(3, (await Api.OkAsync(await Api.GetAsync($"/api/runs/{run}/events"))).GetArrayLength());
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
        await Api.ProblemAsync(await Api.GetAsync("/api/runs/no-such-run/events"), HttpStatusCode.NotFound, "run");
        await Api.ProblemAsync(await Api.GetAsync("/api/runs/bad%20id/events"), HttpStatusCode.BadRequest, "run");
        await Api.ProblemAsync(await Api.PostAsync("/api/runs/no-such-run/stop", null), HttpStatusCode.NotFound, "run");
    }

    /// <summary>The listed runs: run id to scenario name.</summary>
    private async Task<Dictionary<string, string>> ListedRunsAsync() =>
        (await Api.OkAsync(await Api.GetAsync("/api/runs"))).EnumerateArray()
            .ToDictionary(r => r.GetProperty("runId").GetString()!, r => r.GetProperty("scenario").GetString() ?? "");
}
