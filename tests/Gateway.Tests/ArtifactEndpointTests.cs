using System.Net;
using System.Text.Json;
using Xunit;

namespace OrleansGossip.Gateway.Tests;

/// <summary>
/// Submitting artifacts to nodes of a run (one without a workload of its own, so that every artifact is the tests') and
/// reading their propagation, and every refusal.
/// </summary>
public sealed class ArtifactEndpointTests(ServerFixture fixture) : IAsyncLifetime
{
    private const string Run = "artifacts";
    private const int Nodes = 5;

    private Api Api => fixture.Api;

    public async ValueTask InitializeAsync()
    {
        var response = await Api.PostAsync($"/api/runs?id={Run}", Scenarios.Small("artifacts", nodes: Nodes, ingressPerSecond: 0));
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Theory]
    [InlineData("{ \"kind\": \"ingress\", \"size\": 2048 }", "ingress", 2048)]
    [InlineData("{ \"kind\": \"block-proposal\", \"size\": 200000 }", "block-proposal", 200000)]
    [InlineData("{ \"kind\": \"notarization-share\", \"body\": \"aGVsbG8gd29ybGQ=\" }", "notarization-share", 11)]
    public async Task A_submitted_artifact_spreads_to_every_node(string body, string kind, int size)
    {
        var response = await Api.PostAsync($"/api/runs/{Run}/nodes/app-n1/artifacts", body);
        var submitted = await Api.OkAsync(response, HttpStatusCode.Accepted);
        Assert.Equal(kind, submitted.GetProperty("kind").GetString());
        Assert.Equal(size, submitted.GetProperty("size").GetInt32());
        var id = submitted.GetProperty("artifact").GetString()!;
        Assert.Equal($"/api/runs/{Run}/artifacts/{id}", response.Headers.Location?.OriginalString);

        var propagation = await Eventually.UntilAsync(
            async () => await Api.OkAsync(await Api.GetAsync($"/api/runs/{Run}/artifacts/{id}")),
            p => p.GetProperty("holders").GetArrayLength() == Nodes,
            because: "every node gets the artifact");
        Assert.Equal("app-n1", propagation.GetProperty("origin").GetString());
        Assert.Equal(1.0, propagation.GetProperty("coverage").GetDouble());
        Assert.Equal(0, propagation.GetProperty("missing").GetArrayLength());
        var holders = propagation.GetProperty("holders").EnumerateArray().ToList();
        Assert.True(holders[0].GetProperty("created").GetBoolean());
        Assert.All(holders.Skip(1), h => Assert.True(h.GetProperty("latencyMs").GetDouble() > 0));
    }

    [Theory]
    [InlineData("{ \"size\": 10 }", "$.kind")]
    [InlineData("{ \"kind\": \"telegram\", \"size\": 10 }", "$.kind")]
    [InlineData("{ \"kind\": \"ingress\" }", "$.size")]
    [InlineData("{ \"kind\": \"ingress\", \"size\": 0 }", "$.size")]
    [InlineData("{ \"kind\": \"ingress\", \"size\": -5 }", "$.size")]
    [InlineData("{ \"kind\": \"ingress\", \"size\": 2097153 }", "$.size")]
    [InlineData("{ \"kind\": \"block-proposal\", \"size\": 4194305 }", "$.size")]
    [InlineData("{ \"kind\": \"random-beacon\", \"size\": 1048577 }", "$.size")]
    [InlineData("{ \"kind\": \"ingress\", \"size\": 99999999999 }", "$.size")]
    [InlineData("{ \"kind\": \"ingress\", \"size\": 4, \"body\": \"aGVsbG8=\" }", "$.size")]
    [InlineData("{ \"kind\": \"ingress\", \"body\": \"not base64!\" }", "$.body")]
    [InlineData("{ \"kind\": \"ingress\", \"body\": \"\" }", "$.body")]
    [InlineData("{ \"kind\": \"ingress\", \"size\": 5, \"attribute\": -1 }", "$.attribute")]
    [InlineData("{ \"kind\": \"ingress\", \"size\": 5, \"priority\": 1 }", "$.priority")]
    [InlineData("{ \"kind\": \"ingress\", \"size\": 5", Api.AnyField)]
    public async Task A_bad_artifact_is_refused_with_the_field_at_fault(string body, string field)
    {
        var before = await CreatedAsync();
        await Api.ProblemAsync(await Api.PostAsync($"/api/runs/{Run}/nodes/app-n0/artifacts", body), HttpStatusCode.BadRequest, field);
        Assert.Equal(before, await CreatedAsync());
    }

    [Fact]
    public async Task A_body_over_the_kinds_limit_is_refused()
    {
        var body = Convert.ToBase64String(new byte[(2 * 1024 * 1024) + 1]);
        await Api.ProblemAsync(
            await Api.PostAsync($"/api/runs/{Run}/nodes/app-n0/artifacts", $$"""{ "kind": "ingress", "body": "{{body}}" }"""),
            HttpStatusCode.BadRequest,
            "$.body");
    }

    [Fact]
    public async Task A_request_over_the_size_limit_is_refused()
    {
        // The client asks before it sends (Expect: 100-continue), so that it reads the refusal rather than writing on.
        var body = Convert.ToBase64String(new byte[7 * 1024 * 1024]);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/runs/{Run}/nodes/app-n0/artifacts")
        {
            Content = new StringContent($$"""{ "kind": "block-proposal", "body": "{{body}}" }""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.ExpectContinue = true;
        await Api.ProblemAsync(await Api.Http.SendAsync(request, TestContext.Current.CancellationToken), HttpStatusCode.RequestEntityTooLarge, "$");
    }

    [Fact]
    public async Task Unknown_runs_nodes_and_artifacts_are_not_found()
    {
        await Api.ProblemAsync(await Api.PostAsync("/api/runs/no-run/nodes/app-n0/artifacts", """{ "kind": "ingress", "size": 1 }"""), HttpStatusCode.NotFound, "run");
        await Api.ProblemAsync(await Api.PostAsync($"/api/runs/{Run}/nodes/app-n99/artifacts", """{ "kind": "ingress", "size": 1 }"""), HttpStatusCode.NotFound, "node");
        await Api.ProblemAsync(await Api.GetAsync($"/api/runs/{Run}/artifacts/0123456789abcdef0123456789abcdef"), HttpStatusCode.NotFound, "artifact");
        await Api.ProblemAsync(await Api.GetAsync($"/api/runs/{Run}/artifacts/not-an-id"), HttpStatusCode.BadRequest, "artifact");
        await Api.ProblemAsync(await Api.GetAsync($"/api/runs/{Run}/artifacts/zz23456789abcdef0123456789abcdef"), HttpStatusCode.BadRequest, "artifact");
    }

    [Fact]
    public async Task A_node_that_is_down_takes_no_artifacts()
    {
        await Api.OkAsync(await Api.PostAsync($"/api/runs/{Run}/nodes/app-n4/crash", null));
        await Api.ProblemAsync(await Api.PostAsync($"/api/runs/{Run}/nodes/app-n4/artifacts", """{ "kind": "ingress", "size": 1 }"""), HttpStatusCode.Conflict);
        await Api.OkAsync(await Api.PostAsync($"/api/runs/{Run}/nodes/app-n4/restart", null));
    }

    private async Task<long> CreatedAsync()
    {
        JsonElement status = await Api.OkAsync(await Api.GetAsync($"/api/runs/{Run}"));
        return status.GetProperty("progress").GetProperty("artifactsCreated").GetInt64();
    }
}
