using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using OrleansGossip.Abstractions.Security;
using OrleansGossip.Silo.Hosting;
using Xunit;

namespace OrleansGossip.Security.Tests;

/// <summary>Starts silos and clients on loopback with real sockets, with membership time-outs short enough for tests.</summary>
public static class TestSilos
{
    public const string ClusterId = "security-tests";

    /// <summary>How long an intruder, a silo that cannot join, keeps trying before its start fails.</summary>
    public static readonly TimeSpan IntruderJoinAttempt = TimeSpan.FromSeconds(4);

    /// <summary>How long a proper silo may take to join, and a host to start: bounded, but generous for a loaded two-core machine.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A silo's settings with free ports, joining the primary at <paramref name="primaryPort"/> (itself when null).</summary>
    public static ClusterSiloSettings Settings(
        string name,
        int? primaryPort,
        Action<TlsOptions>? tls,
        string allowListRegistry = "cluster",
        string clusterId = ClusterId,
        bool fastFailureDetection = false,
        TimeSpan? joinAttempt = null)
    {
        var siloPort = FreePort();
        return new ClusterSiloSettings
        {
            Name = name,
            SiloPort = siloPort,
            GatewayPort = FreePort(),
            PrimarySiloPort = primaryPort ?? siloPort,
            ClusterId = clusterId,
            ServiceId = clusterId,
            Tls = tls is not null,
            ConfigureTls = tls,
            ConfigureAllowList = a =>
            {
                a.Registry = allowListRegistry;
                a.RefreshInterval = TimeSpan.FromMilliseconds(300);
            },
            ConfigureSilo = silo =>
            {
                silo.Configure<ClusterMembershipOptions>(o =>
                {
                    o.MaxJoinAttemptTime = joinAttempt ?? StartTimeout;
                    if (fastFailureDetection)
                    {
                        // Declares a silo dead within seconds; on a loaded machine this may also kill a healthy one.
                        o.ProbeTimeout = TimeSpan.FromSeconds(1);
                        o.NumMissedProbesLimit = 2;
                        o.NumVotesForDeathDeclaration = 1;
                        o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
                        o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
                    }
                });
                silo.Configure<ConnectionOptions>(o =>
                {
                    o.OpenConnectionTimeout = TimeSpan.FromSeconds(10);
                    o.ConnectionRetryDelay = TimeSpan.FromMilliseconds(500);
                });
            },
            // Refusals are the point of these tests; errors only, so that a busy console does not slow the silos down.
            LogLevel = Environment.GetEnvironmentVariable("SECURITY_TESTS_SILO_LOG") is { } level ? Enum.Parse<LogLevel>(level) : LogLevel.Error,
        };
    }

    /// <summary>TLS with <paramref name="certificate"/>, trusting the test cluster's CA.</summary>
    public static Action<TlsOptions> Tls(X509Certificate2 certificate) => tls =>
    {
        tls.Certificate = certificate;
        tls.CaCertificates = TestPki.Shared.Trust;
    };

    public static IHost Build(ClusterSiloSettings settings) => ClusterSilo.Build(settings, new ConfigurationBuilder().Build());

    /// <summary>Starts a silo that must start, within <see cref="StartTimeout"/>.</summary>
    public static async Task<IHost> StartAsync(ClusterSiloSettings settings)
    {
        var host = Build(settings);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(StartTimeout);
        try
        {
            await host.StartAsync(timeout.Token);
            return host;
        }
        catch (Exception e)
        {
            await host.StopQuietlyAsync();
            if (e is OperationCanceledException && !TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"silo {settings.Name} did not start within {StartTimeout.TotalSeconds:F0} s", e);
            }

            throw;
        }
    }

    /// <summary>An Orleans client of the gateway at <paramref name="gatewayPort"/>, over TLS when <paramref name="tls"/> is given.</summary>
    public static IHost BuildClient(int gatewayPort, Action<TlsOptions>? tls, string clusterId = ClusterId)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("SECURITY_TESTS_CLIENT_LOG") is not null)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Debug);
        }

        builder.UseOrleansClient(client =>
        {
            client.UseLocalhostClustering(gatewayPort, clusterId, clusterId);
            client.Configure<ConnectionOptions>(o => o.OpenConnectionTimeout = TimeSpan.FromSeconds(10));
            if (tls is not null)
            {
                client.UseGossipTls(tls);
            }
        });
        return builder.Build();
    }

    /// <summary>
    /// Starts a client; it fails when it has not connected within <paramref name="timeout"/> (an Orleans client keeps
    /// retrying a gateway that refuses it, with back-off, for minutes).
    /// </summary>
    public static async Task<IHost> StartClientAsync(int gatewayPort, Action<TlsOptions>? tls, string clusterId = ClusterId, TimeSpan? within = null)
    {
        var host = BuildClient(gatewayPort, tls, clusterId);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(within ?? StartTimeout);
            await host.StartAsync(timeout.Token);
            return host;
        }
        catch
        {
            await host.StopQuietlyAsync();
            throw;
        }
    }

    /// <summary>
    /// Stops a host that may be half started, within a few seconds. Orleans stops only a silo that is running: in
    /// one whose start failed (it could not join) the grain directory's membership loop is never cancelled, and
    /// spins on a core for the rest of the process, slowing every later test; so it is stopped here directly.
    /// </summary>
    public static async Task StopQuietlyAsync(this IHost host)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await host.StopAsync(timeout.Token);
        }
        catch (Exception)
        {
            // A silo that failed to join is left half started (Orleans refuses to stop it), a client that never
            // connected may fail to stop: both are disposed all the same.
            await StopGrainDirectoryAsync(host, timeout.Token);
        }
        finally
        {
            host.Dispose();
        }
    }

    private static async Task StopGrainDirectoryAsync(IHost host, CancellationToken cancellation)
    {
        var type = typeof(ISiloLifecycle).Assembly.GetType("Orleans.Runtime.GrainDirectory.LocalGrainDirectory");
        if (type is null || host.Services.GetService(type) is not { } directory
            || type.GetMethod("StopAsync", Type.EmptyTypes)?.Invoke(directory, null) is not Task stopping)
        {
            return;
        }

        try
        {
            await stopping.WaitAsync(cancellation);
        }
        catch (Exception)
        {
            // Its membership loop is cancelled either way; what it does after that does not matter.
        }
    }

    public static TlsConnectionMonitor Monitor(this IHost host) => host.Services.GetRequiredService<TlsConnectionMonitor>();

    /// <summary>The refusals <paramref name="host"/> recorded at or after <paramref name="since"/> (it keeps the last hundred).</summary>
    public static IReadOnlyList<TlsRefusal> RefusalsSince(this IHost host, DateTimeOffset since) =>
        host.Monitor().RecentRefusals.Where(r => r.At >= since).ToList();

    /// <summary>Waits until <paramref name="host"/> has recorded, since <paramref name="since"/>, a refusal <paramref name="matching"/>; returns it.</summary>
    public static async Task<TlsRefusal> RefusalAsync(this IHost host, DateTimeOffset since, Func<TlsRefusal, bool> matching, string what)
    {
        var limit = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var recorded = host.RefusalsSince(since);
            if (recorded.FirstOrDefault(matching) is { } refusal)
            {
                return refusal;
            }

            if (DateTimeOffset.UtcNow > limit)
            {
                Assert.Fail($"gave up after 60 s waiting until {what}; recorded meanwhile: [{string.Join("; ", recorded.Select(r => $"{r.Endpoint} {r.Refusal}: {r.Reason}"))}]");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public static IGrainFactory Grains(this IHost host) => host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The silos the cluster counts as active, as <paramref name="host"/> sees them.</summary>
    public static async Task<int> ActiveSilosAsync(this IHost host) =>
        (await host.Grains().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count;
}
