using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansGossip.Grains.Hosting;

namespace OrleansGossip.Silo.Hosting;

/// <summary>
/// A single silo in this process with localhost clustering and in-memory storage: nothing to install, nothing
/// to configure. Its ports are picked free, so that several can run on one machine. It runs without TLS (nothing
/// leaves the process; it listens on loopback only) and says so in its log.
/// </summary>
public sealed partial class EmbeddedSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private EmbeddedSilo(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    public static async Task<EmbeddedSilo> StartAsync(LogLevel logLevel = LogLevel.Warning, CancellationToken cancellationToken = default)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.AddEmbeddedConsole(logLevel);
        builder.Logging.AddFilter(typeof(EmbeddedSilo).FullName, LogLevel.Information);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort: FreePort(), gatewayPort: FreePort())
            .AddGossipEmulator());

        // The command that embeds the silo owns Ctrl+C: it stops its run and writes the report. With the console
        // lifetime the host would stop itself at the same time, and the run would go on with no deliveries.
        builder.Services.AddSingleton<IHostLifetime, CommandOwnedLifetime>();
        var host = builder.Build();
        LogNoTls(host.Services.GetRequiredService<ILogger<EmbeddedSilo>>());
        await host.StartAsync(cancellationToken);
        return new EmbeddedSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(TimeSpan.FromSeconds(10));
        _host.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded single-process silo: no TLS; its silo and gateway ports listen on loopback only and no other silo joins it")]
    private static partial void LogNoTls(ILogger logger);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
