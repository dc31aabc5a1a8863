using System.Net;
using System.Text.Json;
using Xunit;

namespace OrleansGossip.Gateway.Tests;

/// <summary>Faults on a running run: links, crashes, behaviours and the scenario format, and every refusal.</summary>
public sealed class FaultEndpointTests(ServerFixture fixture) : IAsyncLifetime
{
    private const string Run = "faults";

    private Api Api => fixture.Api;

    public async ValueTask InitializeAsync()
    {
        var response = await Api.PostAsync($"/api/runs?id={Run}", Scenarios.Small("faults", nodes: 5));
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Cutting_and_healing_a_link_shows_on_both_nodes_and_the_timeline()
    {
        var cut = await Api.OkAsync(await Api.PostAsync($"/api/runs/{Run}/links/cut", """{ "from": "app-n0", "to": "app-n1" }"""));
        Assert.Equal("cut-link", cut.GetProperty("kind").GetString());
        Assert.Contains("app-n1", (await NodeAsync("app-n0")).GetProperty("cutLinks").EnumerateArray().Select(n => n.GetString()));
        Assert.Contains("app-n0", (await NodeAsync("app-n1")).GetProperty("cutLinks").EnumerateArray().Select(n => n.GetString()));

        await Api.OkAsync(await Api.PostAsync($"/api/runs/{Run}/links/heal", """{ "from": "app-n1", "to": "app-n0" }"""));
        Assert.Equal(0, (await NodeAsync("app-n0")).GetProperty("cutLinks").GetArrayLength());

        var status = await Api.OkAsync(await Api.GetAsync($"/api/runs/{Run}"));
        var kinds = status.GetProperty("faults").EnumerateArray().Select(f => f.GetProperty("kind").GetString()).ToList();
        Assert.Contains("cut-link", kinds);
        Assert.Contains("heal-link", kinds);
    }

    [Fact]
    public async Task A_crashed_node_is_down_until_it_restarts()
    {
        await Api.OkAsync(await Api.PostAsync($"/api/runs/{Run}/nodes/app-n2/crash", null));
        Assert.True((await NodeAsync("app-n2")).GetProperty("crashed").GetBoolean());
        var status = await Api.OkAsync(await Api.GetAsync($"/api/runs/{Run}"));
        Assert.Contains("app-n2", status.GetProperty("subnets")[0].GetProperty("down").EnumerateArray().Select(n => n.GetString()));

        await Api.OkAsync(await Api.PostAsync($"/api/runs/{Run}/nodes/app-n2/restart", null));
        Assert.False((await NodeAsync("app-n2")).GetProperty("crashed").GetBoolean());
    }

    [Fact]
    public async Task A_nodes_behaviour_changes_while_it_runs()
    {
        var changed = await Api.OkAsync(await Api.PutAsync($"/api/runs/{Run}/nodes/app-n3/behaviour", """{ "behaviour": "slow", "fraction": 0.25 }"""));
        Assert.Equal("set-behaviour", changed.GetProperty("kind").GetString());
        var status = await Api.OkAsync(await Api.GetAsync($"/api/runs/{Run}"));
        Assert.Equal("slow", status.GetProperty("subnets")[0].GetProperty("behaviours")[3].GetString());

        await Api.OkAsync(await Api.PutAsync($"/api/runs/{Run}/nodes/app-n3/behaviour", """{ "behaviour": "honest" }"""));
        status = await Api.OkAsync(await Api.GetAsync($"/api/runs/{Run}"));
        Assert.Equal("honest", status.GetProperty("subnets")[0].GetProperty("behaviours")[3].GetString());
    }

    [Fact]
    public async Task A_fault_in_the_scenario_format_applies_now()
    {
        var partition = await Api.OkAsync(await Api.PostAsync($"/api/runs/{Run}/faults", """{ "kind": "partition", "groups": [[0, 1], [2, 3, 4]] }"""));
        Assert.Equal("partition", partition.GetProperty("kind").GetString());
        Assert.Equal(3, (await NodeAsync("app-n0")).GetProperty("cutLinks").GetArrayLength());

        await Api.OkAsync(await Api.PostAsync($"/api/runs/{Run}/faults", """{ "kind": "heal", "subnet": "app" }"""));
        Assert.Equal(0, (await NodeAsync("app-n0")).GetProperty("cutLinks").GetArrayLength());

        await Api.OkAsync(await Api.PostAsync($"/api/runs/{Run}/faults", """{ "kind": "loss-burst", "loss": 0.1, "durationSeconds": 1 }"""));
    }

    [Theory]
    [InlineData("/faults", "{ \"kind\": \"meteor\" }", "$.kind")]
    [InlineData("/faults", "{ \"kind\": \"crash\", \"nodes\": [ 99 ] }", "$.nodes[0]")]
    [InlineData("/faults", "{ \"kind\": \"crash\" }", "$.nodes")]
    [InlineData("/faults", "{ \"kind\": \"cut-link\", \"from\": 1, \"to\": 1 }", "$.to")]
    [InlineData("/faults", "{ \"kind\": \"partition\", \"groups\": [[0, 1]] }", "$.groups")]
    [InlineData("/faults", "{ \"kind\": \"loss-burst\", \"loss\": 2, \"durationSeconds\": 1 }", "$.loss")]
    [InlineData("/faults", "{ \"kind\": \"crash\", \"nodes\": [ 1 ], \"atSeconds\": 5 }", "$.atSeconds")]
    [InlineData("/faults", "{ \"kind\": \"crash\", \"nodes\": [ 1 ], \"when\": 5 }", "$.when")]
    [InlineData("/links/cut", "{ \"from\": \"app-n0\" }", "$.to")]
    [InlineData("/links/cut", "{ \"to\": \"app-n0\" }", "$.from")]
    [InlineData("/links/cut", "{ \"from\": \"app-n0\", \"to\": \"app-n0\" }", "$.to")]
    [InlineData("/links/heal", "{ \"from\": \"app-n0\", \"to\": \"bad id\" }", "$.to")]
    [InlineData("/links/heal", "{ \"from\": \"app-n0\", \"to\": 3 }", "$.to")]
    public async Task A_bad_fault_is_refused_with_the_field_at_fault(string path, string body, string field)
    {
        var before = await FaultCountAsync();
        await Api.ProblemAsync(await Api.PostAsync($"/api/runs/{Run}{path}", body), HttpStatusCode.BadRequest, field);
        Assert.Equal(before, await FaultCountAsync());
    }

    [Theory]
    [InlineData("{ }", "$.behaviour")]
    [InlineData("{ \"behaviour\": \"sneaky\" }", "$.behaviour")]
    [InlineData("{ \"behaviour\": \"advert-spam\" }", "$.behaviour")]
    [InlineData("{ \"behaviour\": \"slow\" }", "$.fraction")]
    [InlineData("{ \"behaviour\": \"slow\", \"fraction\": 1.5 }", "$.fraction")]
    public async Task A_bad_behaviour_is_refused_with_the_field_at_fault(string body, string field)
    {
        var before = await FaultCountAsync();
        await Api.ProblemAsync(await Api.PutAsync($"/api/runs/{Run}/nodes/app-n4/behaviour", body), HttpStatusCode.BadRequest, field);
        Assert.Equal(before, await FaultCountAsync());
    }

    [Fact]
    public async Task Faults_on_unknown_runs_and_nodes_are_not_found()
    {
        await Api.ProblemAsync(await Api.PostAsync("/api/runs/no-run/nodes/app-n0/crash", null), HttpStatusCode.NotFound, "run");
        await Api.ProblemAsync(await Api.PostAsync($"/api/runs/{Run}/nodes/app-n77/crash", null), HttpStatusCode.NotFound, "node");
        await Api.ProblemAsync(await Api.PostAsync($"/api/runs/{Run}/links/cut", """{ "from": "ghost", "to": "app-n0" }"""), HttpStatusCode.NotFound, "$.from");
        await Api.ProblemAsync(await Api.PostAsync($"/api/runs/{Run}/faults", """{ "kind": "heal", "subnet": "elsewhere" }"""), HttpStatusCode.NotFound, "$.subnet");
        await Api.ProblemAsync(await Api.GetAsync($"/api/runs/{Run}/nodes/app-n77"), HttpStatusCode.NotFound, "node");
    }

    private async Task<JsonElement> NodeAsync(string node) => await Api.OkAsync(await Api.GetAsync($"/api/runs/{Run}/nodes/{node}"));

    private async Task<int> FaultCountAsync() =>
        (await Api.OkAsync(await Api.GetAsync($"/api/runs/{Run}"))).GetProperty("faults").GetArrayLength();
}
