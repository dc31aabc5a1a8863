using OrleansGossip.Silo.Hosting;
using Xunit;

[assembly: AssemblyFixture(typeof(OrleansGossip.Dashboard.Tests.ServerFixture))]

// The tests measure pace and watch the silo's live telemetry: one at a time, so that neither sees the other's watch.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace OrleansGossip.Dashboard.Tests;

/// <summary>One embedded server (silo, API and dashboard), as <c>serve</c> starts it, on a free loopback port.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private EmbeddedServer? _server;

    public EmbeddedServer Server => _server ?? throw new InvalidOperationException("the server has not started");

    public HttpClient Http { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await EmbeddedServer.StartAsync("http://127.0.0.1:0");
        Http = new HttpClient { BaseAddress = _server.Address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>Starts a run of one subnet <c>app</c> through the gateway, as a script would.</summary>
    public async Task StartRunAsync(string runId, int nodes, double durationSeconds, double ingressPerSecond = 20, int blockBytes = 200_000)
    {
        var scenario = $$"""
        {
          "name": "{{runId}}",
          "seed": 11,
          "protocol": "advert-gossip",
          "timeScale": 1,
          "durationSeconds": {{durationSeconds}},
          "drainSeconds": 2,
          "subnets": [ { "id": "app", "nodes": {{nodes}}, "link": { "latencyMs": 40, "jitterMs": 10 }, "bandwidthMbps": 300 } ],
          "workload": {
            "ingress": { "ratePerSecond": {{ingressPerSecond}}, "sizeBytes": 1024 },
            "blocks": { "intervalSeconds": 1, "sizeBytes": {{blockBytes}} }
          }
        }
        """;
        using var content = new StringContent(scenario, System.Text.Encoding.UTF8, "application/json");
        var response = await Http.PostAsync($"/api/runs?id={runId}", content, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
    }

    public async Task StopRunAsync(string runId)
    {
        using var response = await Http.PostAsync($"/api/runs/{runId}/stop", null, TestContext.Current.CancellationToken);
    }
}
