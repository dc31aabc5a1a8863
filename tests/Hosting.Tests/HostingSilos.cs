using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using OrleansGossip.Hosting.Clustering;
using OrleansGossip.Hosting.Tests.Servers;
using OrleansGossip.Silo.Hosting;
using OrleansGossip.Cluster.Tests;
using Xunit;

namespace OrleansGossip.Hosting.Tests;

/// <summary>Silos and clients in this process that find each other through a real membership store.</summary>
public static class HostingSilos
{
    public const string ServiceId = "hosting-tests";

    /// <summary>The clustering of a cluster of the test's own (a fresh cluster id) on <paramref name="provider"/>.</summary>
    public static ClusteringOptions Clustering(string provider, string connectionString, string purpose) => new()
    {
        Provider = provider,
        ConnectionString = connectionString,
        ClusterId = $"{purpose}-{Guid.NewGuid():N}",
        ServiceId = ServiceId,
        AdvertisedAddress = "127.0.0.1",
    };

    /// <summary>A silo without TLS (what these tests check is membership), on free loopback ports.</summary>
    public static ClusterSiloSettings Settings(string name, ClusteringOptions clustering, Action<ISiloBuilder>? configure = null) => new()
    {
        Name = name,
        SiloPort = FreePort.Next(),
        GatewayPort = FreePort.Next(),
        Tls = false,
        Clustering = clustering,
        ConfigureSilo = silo =>
        {
            silo.Configure<ClusterMembershipOptions>(o => o.MaxJoinAttemptTime = TimeSpan.FromSeconds(20));
            configure?.Invoke(silo);
        },
        LogLevel = LogLevel.Warning,
    };

    /// <summary>Builds and starts a silo with no configuration but <paramref name="configuration"/> (none of the machine's).</summary>
    public static async Task<IHost> StartSiloAsync(ClusterSiloSettings settings, IConfiguration? configuration = null)
    {
        var host = ClusterSilo.Build(settings, configuration ?? new ConfigurationBuilder().Build());
        try
        {
            await host.StartAsync(TestContext.Current.CancellationToken);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>Starts an Orleans client that finds the cluster as the Gateway and the Dashboard do.</summary>
    public static async Task<IHost> StartClientAsync(ClusteringOptions clustering)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client.UseGossipClustering(clustering));
        var host = builder.Build();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await host.StartAsync(timeout.Token);
        return host;
    }

    public static IGrainFactory Grains(this IHost host) => host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Waits until <paramref name="host"/> sees <paramref name="count"/> active silos.</summary>
    public static Task WaitForSilosAsync(this IHost host, int count) =>
        Poll.UntilAsync(
            async () => (await host.Grains().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count == count,
            $"{count} silos are active");

    /// <summary>Stops a host within a few seconds, whatever state it is in.</summary>
    public static async Task StopQuietlyAsync(this IHost host)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await host.StopAsync(timeout.Token);
        }
        catch (Exception)
        {
            // Stopping is best effort here; the next test uses a cluster id of its own.
        }
        finally
        {
            host.Dispose();
        }
    }
}
