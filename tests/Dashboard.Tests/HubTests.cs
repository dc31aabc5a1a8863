using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using OrleansGossip.Grains.Live;
using Xunit;

namespace OrleansGossip.Dashboard.Tests;

/// <summary>
/// The propagation hub from a .NET client: a watcher gets aggregates at a bounded pace (never a message per delivery),
/// and once nobody watches, the silo stops collecting for the run.
/// </summary>
public sealed class HubTests(ServerFixture fixture)
{
    [Fact]
    public async Task A_watcher_gets_paced_aggregates_and_the_silo_stops_collecting_when_it_leaves()
    {
        const string run = "hub-pacing";
        var cancel = TestContext.Current.CancellationToken;
        var live = fixture.Server.Services.GetRequiredService<LiveTelemetry>();
        await fixture.StartRunAsync(run, nodes: 6, durationSeconds: 30, ingressPerSecond: 50);

        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(fixture.Server.Address, "hubs/propagation")).Build();
        var updates = new ConcurrentQueue<(DateTime At, JsonElement Update)>();
        hub.On<JsonElement>("Subnet", update => updates.Enqueue((DateTime.UtcNow, update)));
        await hub.StartAsync(cancel);

        var runs = await hub.InvokeAsync<JsonElement>("ListRuns", cancel);
        Assert.Contains(runs.EnumerateArray(), r => r.GetProperty("runId").GetString() == run);

        await hub.InvokeAsync("Watch", run, "app", cancel);
        await Wait(() => updates.Count >= 3 && Last(updates).GetProperty("subnetDeliveries").GetInt64() > 0, "aggregates with deliveries arrive");
        Assert.True(live.AnyWatched, "the silo collects for a watched run");

        // Measure the pace over a few seconds: at most one update per 250 ms, while the run makes hundreds of deliveries.
        updates.Clear();
        await Task.Delay(TimeSpan.FromSeconds(3), cancel);
        var window = updates.ToArray();
        var deliveries = window[^1].Update.GetProperty("subnetDeliveries").GetInt64() - window[0].Update.GetProperty("subnetDeliveries").GetInt64();
        Assert.InRange(window.Length, 4, 14);
        Assert.True(deliveries > 3 * window.Length, $"{deliveries} deliveries arrived in {window.Length} updates");
        var gaps = window.Zip(window.Skip(1), (a, b) => (b.At - a.At).TotalMilliseconds).ToList();
        Assert.True(gaps.Average() >= 200, $"updates came every {gaps.Average():F0} ms on average");

        var last = window[^1].Update;
        Assert.Equal(6, last.GetProperty("nodes").GetArrayLength());
        Assert.Contains(last.GetProperty("kinds").EnumerateArray(), k => k.GetProperty("kind").GetString() == "ingress");
        Assert.True(last.GetProperty("wave").GetArrayLength() > 0);

        // A slower pace on request.
        await hub.InvokeAsync("SetInterval", 1000, cancel);
        updates.Clear();
        await Task.Delay(TimeSpan.FromSeconds(2.5), cancel);
        Assert.InRange(updates.Count, 1, 4);

        await hub.InvokeAsync("Unwatch", cancel);
        await Wait(() => !live.AnyWatched, "the silo stops collecting once nobody watches");
        await fixture.StopRunAsync(run);
    }

    private static JsonElement Last(ConcurrentQueue<(DateTime At, JsonElement Update)> updates) => updates.Last().Update;

    private static async Task Wait(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out: {what}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
