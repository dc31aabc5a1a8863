using System.Net;
using OrleansGossip.Silo.Hosting;
using Xunit;

namespace OrleansGossip.Grains.Tests.Runs;

/// <summary><c>serve</c>'s health endpoint: what a script waits for before it starts a run.</summary>
public sealed class ServeHealthTests
{
    [Fact]
    public async Task A_served_silo_is_healthy_as_soon_as_the_server_answers()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var server = await EmbeddedServer.StartAsync("http://127.0.0.1:0", cancellationToken: cancellation);
        using var http = new HttpClient { BaseAddress = server.Address };

        using var health = await http.GetAsync(EmbeddedServer.HealthPath, cancellation);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync(cancellation));
    }
}
