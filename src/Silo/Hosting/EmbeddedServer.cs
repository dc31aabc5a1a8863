using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Orleans.Dashboard;
using OrleansGossip.Dashboard.Hosting;
using OrleansGossip.Gateway.Hosting;
using OrleansGossip.Grains.Hosting;
using OrleansGossip.Silo.Health;

namespace OrleansGossip.Silo.Hosting;

/// <summary>
/// The embedded host of <c>serve</c>: one process with a silo (localhost clustering, in-memory storage), the HTTP API
/// (<c>/api</c>, <c>/openapi/v1.json</c>), the propagation dashboard (<c>/</c>, <c>/hubs/propagation</c>) and the Orleans
/// runtime dashboard (<c>/orleans</c>), listening on one loopback address, and <see cref="HealthPath"/>. The silo's own
/// ports are picked free.
/// </summary>
public sealed class EmbeddedServer : IAsyncDisposable
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>
    /// Where the server says whether its silo is up (an active member of its cluster): 200 from when the server answers,
    /// since it listens only once the silo has started, 503 once the silo stops.
    /// </summary>
    public const string HealthPath = "/healthz";

    private readonly WebApplication _app;

    private EmbeddedServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>Where the server listens (with the port it got, when it asked for port 0).</summary>
    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Builds and starts the host on <paramref name="url"/>; <paramref name="configure"/> may add to it (tests, benchmarks).</summary>
    public static async Task<EmbeddedServer> StartAsync(
        string url = DefaultUrl,
        LogLevel logLevel = LogLevel.Warning,
        Action<WebApplicationBuilder>? configure = null,
        CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(EmbeddedServer).Assembly.GetName().Name,
        });
        builder.WebHost.UseUrls(url);
        builder.Logging.AddEmbeddedConsole(logLevel);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort: FreePort(), gatewayPort: FreePort())
            .AddGossipEmulator()
            .AddDashboard());
        builder.Services.AddHealthChecks().AddCheck<SiloReadinessCheck>("silo");
        builder.Services.AddOrleansGossipGateway();
        builder.Services.AddOrleansGossipDashboard();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthorization();
        app.MapOrleansGossipGateway();
        app.MapOrleansGossipDashboard();
        // 200 while the silo is an active member of its cluster: what a script waits for before it starts a run.
        app.MapHealthChecks(HealthPath);
        await app.StartAsync(cancellationToken);

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.Select(a => new Uri(a.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)))
            .FirstOrDefault() ?? new Uri(url);
        return new EmbeddedServer(app, address);
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> fires or the host is told to stop.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
