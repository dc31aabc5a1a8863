using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansGossip.Silo.Hosting;
using Xunit;

namespace OrleansGossip.Deploy.Tests;

/// <summary>
/// The silo's health endpoint, on a real silo on loopback, at the paths and port setting the silo Deployment's
/// probes use: alive, then ready once it has joined its cluster; a bad setting stops start-up, named.
/// </summary>
public sealed class SiloHealthEndpointTests
{
    [Fact]
    public async Task TheProbesOfTheManifestAnswerOnARunningSilo()
    {
        var silo = Assert.Single(Manifest.LoadAll(), m => m.Kind == "Deployment" && m.Name == "orleansgossip-silo");
        var container = ManifestTests.Containers(silo).Single();
        var live = container["livenessProbe"]["httpGet"]["path"].Text;
        var ready = container["readinessProbe"]["httpGet"]["path"].Text;
        var port = FreePort();
        using var host = Build(new Dictionary<string, string?> { ["Health:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        var cancellation = TestContext.Current.CancellationToken;

        await host.StartAsync(cancellation);
        try
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
            HttpStatusCode readyStatus;
            string readyBody;
            do
            {
                using var answer = await http.GetAsync(ready, cancellation);
                readyStatus = answer.StatusCode;
                readyBody = await answer.Content.ReadAsStringAsync(cancellation);
                if (readyStatus != HttpStatusCode.OK)
                {
                    Assert.Equal(HttpStatusCode.ServiceUnavailable, readyStatus);
                    await Task.Delay(200, cancellation);
                }
            }
            while (readyStatus != HttpStatusCode.OK && DateTime.UtcNow < deadline);

            Assert.True(readyStatus == HttpStatusCode.OK, $"not ready within 2 minutes: {readyBody}");
            Assert.Contains("membership: Healthy", readyBody, StringComparison.Ordinal);

            using var alive = await http.GetAsync(live, cancellation);
            var aliveBody = await alive.Content.ReadAsStringAsync(cancellation);
            Assert.True(alive.StatusCode == HttpStatusCode.OK, aliveBody);
            Assert.Contains("orleans: Healthy", aliveBody, StringComparison.Ordinal);

            using var other = await http.GetAsync("/api/runs", cancellation);
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }

        // Stopped with the silo.
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.GetAsync(live, cancellation));
    }

    [Theory]
    [InlineData("Health:Port", "70000", "Health:Port must be between 0 (off) and 65535")]
    [InlineData("Health:ReadyPath", "ready", "Health:ReadyPath must be a path starting with '/'")]
    public async Task ABadSettingStopsStartUpNamingIt(string key, string value, string message)
    {
        using var host = Build(new Dictionary<string, string?> { [key] = value });
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains(message, string.Join("; ", error.Failures), StringComparison.Ordinal);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var siloPort = FreePort();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return ClusterSilo.Build(
            new ClusterSiloSettings
            {
                Name = "health-test",
                SiloPort = siloPort,
                PrimarySiloPort = siloPort,
                GatewayPort = FreePort(),
                Tls = false,
                LogLevel = LogLevel.Warning,
            },
            configuration);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
