using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansGossip.Gateway.Security;
using Xunit;

namespace OrleansGossip.Security.Tests;

/// <summary>The Gateway's HTTP access rules: changes need an API key or a bearer token; reads are open on loopback only.</summary>
[Trait("Category", "Security")]
public sealed class GatewayAccessTests
{
    private static readonly IPAddress Remote = IPAddress.Parse("192.0.2.10");

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public void A_change_without_credentials_is_refused_even_from_loopback(string method)
    {
        var verdict = Policy(keys: ["k1"]).Evaluate(method, IPAddress.Loopback, authorization: null, apiKey: null);

        Assert.Equal(401, verdict.StatusCode);
    }

    [Fact]
    public void A_change_with_a_configured_api_key_or_bearer_token_passes_and_a_wrong_one_does_not()
    {
        var policy = Policy(keys: ["key-1"], tokens: ["token-1"]);

        Assert.True(policy.Evaluate("POST", Remote, null, "key-1").Allowed);
        Assert.True(policy.Evaluate("POST", Remote, "Bearer token-1", null).Allowed);
        Assert.Equal(401, policy.Evaluate("POST", Remote, "Bearer key-1", null).StatusCode);
        Assert.Equal(401, policy.Evaluate("POST", Remote, null, "key-2").StatusCode);
        Assert.Equal(401, policy.Evaluate("POST", Remote, "Basic dXNlcjpwYXNz", null).StatusCode);
    }

    [Fact]
    public void With_no_key_configured_changes_are_disabled_and_say_which_setting_enables_them()
    {
        var verdict = Policy().Evaluate("POST", IPAddress.Loopback, "Bearer anything", "anything");

        Assert.Equal(403, verdict.StatusCode);
        Assert.Contains("Gateway:Access:ApiKeys", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_are_open_on_loopback_only()
    {
        var policy = Policy(keys: ["key-1"]);

        Assert.True(policy.Evaluate("GET", IPAddress.Loopback, null, null).Allowed);
        Assert.True(policy.Evaluate("GET", IPAddress.IPv6Loopback, null, null).Allowed);
        Assert.Equal(401, policy.Evaluate("GET", Remote, null, null).StatusCode);
        Assert.True(policy.Evaluate("GET", Remote, null, "key-1").Allowed);
        Assert.Equal(401, Policy(keys: ["key-1"], openReads: false).Evaluate("GET", IPAddress.Loopback, null, null).StatusCode);
    }

    [Fact]
    public async Task Over_http_the_api_refuses_an_unauthenticated_change_and_serves_a_loopback_read()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration["Gateway:Access:ApiKeys:0"] = "key-1";
        builder.Services.AddOrleansGossipGatewayAccess();
        await using var app = builder.Build();
        app.UseOrleansGossipGatewayAccess();
        app.MapGet("/api/runs", () => "[]");
        app.MapPost("/api/runs", () => Results.Created());
        app.MapPost("/elsewhere", () => "not the API");
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        var cancel = TestContext.Current.CancellationToken;

        var anonymous = await http.PostAsync("/api/runs", null, cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("application/problem+json", anonymous.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);

        using var withKey = new HttpRequestMessage(HttpMethod.Post, "/api/runs");
        withKey.Headers.Add(GatewayAccessOptions.ApiKeyHeader, "key-1");
        Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(withKey, cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/runs", cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/elsewhere", null, cancel)).StatusCode);
        await app.StopAsync(cancel);
    }

    private static GatewayAccessPolicy Policy(string[]? keys = null, string[]? tokens = null, bool openReads = true)
    {
        var options = new GatewayAccessOptions { ApiKeys = [.. keys ?? []], BearerTokens = [.. tokens ?? []], OpenReadsOnLoopback = openReads };
        return new GatewayAccessPolicy(new StaticMonitor(options));
    }

    private sealed class StaticMonitor(GatewayAccessOptions value) : IOptionsMonitor<GatewayAccessOptions>
    {
        public GatewayAccessOptions CurrentValue => value;

        public GatewayAccessOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<GatewayAccessOptions, string?> listener) => null;
    }
}
