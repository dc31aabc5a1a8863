using System.Net;
using Xunit;

namespace OrleansGossip.Gateway.Tests;

/// <summary>No input makes the API fail (500): garbage to every mutating endpoint, unknown paths, and the OpenAPI document.</summary>
public sealed class RobustnessTests(ServerFixture fixture)
{
    private static readonly string[] Garbage =
    [
        "", " ", "null", "true", "[]", "\"text\"", "42", "{", "}", "{\"a\":", "{\"kind\":{}}", "{\"id\":[1,2]}", "{\"nodes\":{}}",
        "1e999", "{\"size\":1e999}", "{\"size\":1.5}", "\u0000\u0001\u0002", "{\"groups\":[[[]]]}", new string('[', 5000),
        "{\"kind\":\"partition\",\"groups\":[[-1],[2147483647]]}", "{\"kind\":\"add-node\",\"count\":100000000}",
    ];

    private static readonly (string Method, string Path)[] Endpoints =
    [
        ("POST", "/api/registries/robust/subnets"),
        ("POST", "/api/registries/robust/subnets/s/nodes"),
        ("POST", "/api/runs"),
        ("POST", "/api/runs/robust-run/faults"),
        ("POST", "/api/runs/robust-run/links/cut"),
        ("PUT", "/api/runs/robust-run/nodes/app-n0/behaviour"),
        ("POST", "/api/runs/robust-run/nodes/app-n0/artifacts"),
    ];

    private Api Api => fixture.Api;

    [Fact]
    public async Task Garbage_to_every_mutating_endpoint_is_a_client_error()
    {
        var started = await Api.PostAsync("/api/runs?id=robust-run", Scenarios.Small("robust", nodes: 3));
        Assert.True(started.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict);
        await Api.PostAsync("/api/registries/robust/subnets", """{ "id": "s", "nodeCount": 1 }""");

        foreach (var (method, path) in Endpoints)
        {
            foreach (var body in Garbage)
            {
                var response = await Api.SendAsync(new HttpMethod(method), path, body);
                var status = (int)response.StatusCode;
                Assert.True(status is >= 400 and < 500, $"{method} {path} with {Shorten(body)} answered {status}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        await Api.OkAsync(await Api.PostAsync("/api/runs/robust-run/stop", null));
    }

    [Theory]
    [InlineData("GET", "/api/nothing/here")]
    [InlineData("DELETE", "/api/runs")]
    [InlineData("PATCH", "/api/runs/x/stop")]
    [InlineData("GET", "/api/runs/%20")]
    [InlineData("GET", "/api/runs/a..b/report")]
    [InlineData("GET", "/api/registries/x/subnets/" + "very-long-id-very-long-id-very-long-id-very-long-id-very-long-id-very-long-id-very-long-id-very-long-id")]
    public async Task Odd_requests_are_answered_with_problem_details(string method, string path)
    {
        var response = await Api.SendAsync(new HttpMethod(method), path, null);
        var status = (int)response.StatusCode;
        Assert.True(status is >= 400 and < 500, $"{method} {path} answered {status}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_every_endpoint()
    {
        var document = await Api.OkAsync(await Api.GetAsync("/openapi/v1.json"));
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        string[] expected =
        [
            "/api/registries/{registry}", "/api/registries/{registry}/subnets", "/api/registries/{registry}/subnets/{subnet}",
            "/api/registries/{registry}/subnets/{subnet}/nodes", "/api/registries/{registry}/nodes", "/api/registries/{registry}/nodes/{node}",
            "/api/runs", "/api/runs/{run}", "/api/runs/{run}/report", "/api/runs/{run}/events", "/api/runs/{run}/stop", "/api/runs/{run}/faults",
            "/api/runs/{run}/links/cut", "/api/runs/{run}/links/heal", "/api/runs/{run}/nodes/{node}", "/api/runs/{run}/nodes/{node}/crash",
            "/api/runs/{run}/nodes/{node}/restart", "/api/runs/{run}/nodes/{node}/behaviour", "/api/runs/{run}/nodes/{node}/artifacts",
            "/api/runs/{run}/artifacts/{artifact}",
        ];
        Assert.All(expected, path => Assert.Contains(path, paths));
        Assert.DoesNotContain(paths, p => p.Contains("{**", StringComparison.Ordinal) || p == "/");
    }

    private static string Shorten(string body) => body.Length > 40 ? body[..40] + "…" : body;
}
