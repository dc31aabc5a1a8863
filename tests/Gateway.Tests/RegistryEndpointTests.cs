using System.Net;
using System.Text.Json;
using Xunit;

namespace OrleansGossip.Gateway.Tests;

/// <summary><c>/api/registries/{registry}</c>: listing, creating subnets, adding and removing nodes, and every refusal.</summary>
public sealed class RegistryEndpointTests(ServerFixture fixture)
{
    private Api Api => fixture.Api;

    [Fact]
    public async Task Creating_a_subnet_and_changing_its_members_each_make_a_new_version()
    {
        const string registry = "reg-lifecycle";
        var created = await Api.OkAsync(
            await Api.PostAsync($"/api/registries/{registry}/subnets", """{ "id": "s1", "nodes": [ { "id": "a" }, { "id": "b", "region": "eu" } ] }"""),
            HttpStatusCode.Created);
        Assert.Equal(1, created.GetProperty("version").GetInt64());
        Assert.Equal(["a", "b"], created.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()!));

        var counted = await Api.OkAsync(await Api.PostAsync($"/api/registries/{registry}/subnets", """{ "id": "s2", "nodeCount": 3, "region": "us" }"""), HttpStatusCode.Created);
        Assert.Equal(2, counted.GetProperty("version").GetInt64());
        Assert.Equal(["s2-n0", "s2-n1", "s2-n2"], counted.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()!));

        var added = await Api.OkAsync(await Api.PostAsync($"/api/registries/{registry}/subnets/s1/nodes", """{ "id": "c" }"""), HttpStatusCode.Created);
        Assert.Equal(3, added.GetProperty("version").GetInt64());

        var removed = await Api.OkAsync(await Api.DeleteAsync($"/api/registries/{registry}/nodes/a"));
        Assert.Equal(4, removed.GetProperty("version").GetInt64());
        Assert.Equal("s1", removed.GetProperty("subnet").GetString());

        var subnets = await Api.OkAsync(await Api.GetAsync($"/api/registries/{registry}/subnets"));
        Assert.Equal(["s1", "s2"], subnets.EnumerateArray().Select(s => s.GetProperty("id").GetString()!));
        Assert.Equal(["b", "c"], subnets[0].GetProperty("nodes").EnumerateArray().Select(n => n.GetString()!));

        var membership = await Api.OkAsync(await Api.GetAsync($"/api/registries/{registry}/subnets/s1"));
        Assert.Equal(4, membership.GetProperty("version").GetInt64());
        Assert.Equal("eu", membership.GetProperty("nodes")[0].GetProperty("region").GetString());

        var nodes = await Api.OkAsync(await Api.GetAsync($"/api/registries/{registry}/nodes"));
        Assert.Equal(5, nodes.GetArrayLength());

        var whole = await Api.OkAsync(await Api.GetAsync($"/api/registries/{registry}"));
        Assert.Equal(4, whole.GetProperty("version").GetInt64());
        Assert.Equal(2, whole.GetProperty("subnets").GetArrayLength());
    }

    [Theory]
    [InlineData("{ \"id\": \"x\", \"nodes\": [ { \"id\": \"n\" } ]", Api.AnyField)]
    [InlineData("{ \"id\": \"x\", \"nodes\": [ { \"id\": \"n\" } ], \"colour\": 1 }", "$.colour")]
    [InlineData("{ \"nodes\": [ { \"id\": \"n\" } ] }", "$.id")]
    [InlineData("{ \"id\": \"bad id!\", \"nodeCount\": 2 }", "$.id")]
    [InlineData("{ \"id\": \"x\" }", "$.nodes")]
    [InlineData("{ \"id\": \"x\", \"nodes\": [] }", "$.nodes")]
    [InlineData("{ \"id\": \"x\", \"nodes\": [ { \"id\": \"n\" }, { \"id\": \"n\" } ] }", "$.nodes[1].id")]
    [InlineData("{ \"id\": \"x\", \"nodes\": [ { \"id\": \"n/1\" } ] }", "$.nodes[0].id")]
    [InlineData("{ \"id\": \"x\", \"nodes\": [ { \"id\": \"n\", \"region\": \"\" } ] }", "$.nodes[0].region")]
    [InlineData("{ \"id\": \"x\", \"nodeCount\": 0 }", "$.nodeCount")]
    [InlineData("{ \"id\": \"x\", \"nodeCount\": 100000 }", "$.nodeCount")]
    [InlineData("{ \"id\": \"x\", \"nodeCount\": \"3\" }", "$.nodeCount")]
    [InlineData("{ \"id\": \"x\", \"nodeCount\": 2, \"nodes\": [ { \"id\": \"n\" } ] }", "$.nodeCount")]
    [InlineData("[1, 2]", "$")]
    [InlineData("null", "$")]
    public async Task A_bad_subnet_is_refused_with_the_field_at_fault_and_nothing_changes(string body, string field)
    {
        const string registry = "reg-refusals";
        await EnsureSubnetAsync(registry);
        var before = await VersionAsync(registry);

        await Api.ProblemAsync(await Api.PostAsync($"/api/registries/{registry}/subnets", body), HttpStatusCode.BadRequest, field);

        Assert.Equal(before, await VersionAsync(registry));
    }

    [Fact]
    public async Task Conflicting_changes_are_refused_whole()
    {
        const string registry = "reg-conflicts";
        await EnsureSubnetAsync(registry);
        var before = await VersionAsync(registry);

        await Api.ProblemAsync(await Api.PostAsync($"/api/registries/{registry}/subnets", """{ "id": "base", "nodeCount": 1 }"""), HttpStatusCode.Conflict, "$.id");
        await Api.ProblemAsync(
            await Api.PostAsync($"/api/registries/{registry}/subnets", """{ "id": "other", "nodes": [ { "id": "fresh" }, { "id": "base-n0" } ] }"""),
            HttpStatusCode.Conflict,
            "$.nodes[1].id");
        await Api.ProblemAsync(await Api.PostAsync($"/api/registries/{registry}/subnets/base/nodes", """{ "id": "base-n1" }"""), HttpStatusCode.Conflict, "$.id");

        Assert.Equal(before, await VersionAsync(registry));
        var subnets = await Api.OkAsync(await Api.GetAsync($"/api/registries/{registry}/subnets"));
        Assert.Equal(["base"], subnets.EnumerateArray().Select(s => s.GetProperty("id").GetString()!));
    }

    [Fact]
    public async Task Unknown_registries_subnets_and_nodes_are_not_found()
    {
        const string registry = "reg-unknowns";
        await Api.ProblemAsync(await Api.GetAsync("/api/registries/never-made/subnets"), HttpStatusCode.NotFound, "registry");
        await EnsureSubnetAsync(registry);
        await Api.ProblemAsync(await Api.GetAsync($"/api/registries/{registry}/subnets/nope"), HttpStatusCode.NotFound, "subnet");
        await Api.ProblemAsync(await Api.PostAsync($"/api/registries/{registry}/subnets/nope/nodes", """{ "id": "z" }"""), HttpStatusCode.NotFound, "subnet");
        await Api.ProblemAsync(await Api.DeleteAsync($"/api/registries/{registry}/nodes/nope"), HttpStatusCode.NotFound, "node");
        await Api.ProblemAsync(await Api.GetAsync("/api/registries/bad%20id/subnets"), HttpStatusCode.BadRequest, "registry");
        await Api.ProblemAsync(await Api.PostAsync($"/api/registries/{registry}/subnets/base/nodes", """{ "region": "eu" }"""), HttpStatusCode.BadRequest, "$.id");
    }

    [Fact]
    public async Task A_running_runs_registry_adds_and_removes_nodes_through_the_run()
    {
        const string run = "reg-run";
        await Api.OkAsync(await Api.PostAsync($"/api/runs?id={run}", Scenarios.Small("registry-run", nodes: 4)), HttpStatusCode.Created);
        var before = await VersionAsync(run);

        var added = await Api.OkAsync(await Api.PostAsync($"/api/registries/{run}/subnets/app/nodes", null), HttpStatusCode.Created);
        Assert.Equal(before + 1, added.GetProperty("version").GetInt64());
        Assert.Equal("app-n4", added.GetProperty("nodes")[0].GetString());

        var removed = await Api.OkAsync(await Api.DeleteAsync($"/api/registries/{run}/nodes/app-n1"));
        Assert.Equal(before + 2, removed.GetProperty("version").GetInt64());

        var status = await Api.OkAsync(await Api.GetAsync($"/api/runs/{run}"));
        var subnet = status.GetProperty("subnets")[0];
        Assert.Equal(5, subnet.GetProperty("nodes").GetArrayLength());
        Assert.Contains("app-n1", subnet.GetProperty("down").EnumerateArray().Select(n => n.GetString()));
        Assert.Contains(status.GetProperty("faults").EnumerateArray(), f => f.GetProperty("kind").GetString() == "add-node");

        await Api.ProblemAsync(await Api.PostAsync($"/api/registries/{run}/subnets/app/nodes", """{ "id": "mine" }"""), HttpStatusCode.BadRequest, "$.id");
        await Api.ProblemAsync(await Api.PostAsync($"/api/registries/{run}/subnets", """{ "id": "more", "nodeCount": 2 }"""), HttpStatusCode.Conflict, "registry");
        await Api.OkAsync(await Api.PostAsync($"/api/runs/{run}/stop", null));
    }

    private async Task EnsureSubnetAsync(string registry)
    {
        var response = await Api.GetAsync($"/api/registries/{registry}/subnets/base");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            var created = await Api.PostAsync($"/api/registries/{registry}/subnets", """{ "id": "base", "nodeCount": 2 }""");
            Assert.True(created.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict);
        }
    }

    private async Task<long> VersionAsync(string registry)
    {
        var whole = await Api.OkAsync(await Api.GetAsync($"/api/registries/{registry}"));
        return whole.GetProperty("version").GetInt64();
    }
}
