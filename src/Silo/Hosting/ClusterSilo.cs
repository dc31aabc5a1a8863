using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime;
using OrleansGossip.Grains.Hosting;
using OrleansGossip.Hosting.Clustering;
using OrleansGossip.Silo.Health;
using OrleansGossip.Silo.Security;
using OrleansGossip.Silo.Storage;

namespace OrleansGossip.Silo.Hosting;

/// <summary>
/// A silo of a multi-silo cluster (the <c>silo</c> command, the security and hosting tests, the TLS benchmark): the
/// clustering of the <c>Clustering</c> section (localhost with a primary silo unless it says otherwise), random
/// placement of grains (of nodes, as <c>Emulator:NodePlacement</c> says: at random unless it says by subnet), so that
/// a run's nodes spread over the silos, mutual TLS on every connection unless turned off, which it
/// then says in its log, and an HTTP health endpoint for probes when <c>Health:Port</c> is set. A bad or missing
/// setting throws <see cref="Microsoft.Extensions.Options.OptionsValidationException"/>.
/// </summary>
public static partial class ClusterSilo
{
    public static IHost Build(ClusterSiloSettings settings, IConfiguration? configuration = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = configuration is not null });
        if (configuration is not null)
        {
            builder.Configuration.AddConfiguration(configuration);
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.SetMinimumLevel(settings.LogLevel);
        builder.Logging.AddFilter("Orleans", settings.LogLevel < LogLevel.Warning ? LogLevel.Warning : settings.LogLevel);
        builder.Logging.AddFilter("OrleansGossip", settings.LogLevel);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        // The readiness probe asks while the silo starts, and the health checks' service logs each unhealthy answer as an
        // error; the probe's own record says when the silo was not ready, as serve's logging has it.
        builder.Logging.AddFilter(EmbeddedLogging.HealthChecks, LogLevel.Critical);
        builder.Services.AddSiloHealthEndpoint();
        builder.UseOrleans(silo =>
        {
            // Named first, so that in Kubernetes the pod's name (set by the clustering) wins.
            silo.Configure<SiloOptions>(o => o.SiloName = settings.Name);
            silo.UseGossipClustering(
                settings.Clustering ?? builder.Configuration.ReadClustering(),
                new SiloEndpoints(settings.SiloPort, settings.GatewayPort, settings.PrimarySiloPort, settings.ClusterId, settings.ServiceId));
            // Failure detection can be tuned under Clustering:Membership (e.g. ProbeTimeout, NumMissedProbesLimit).
            silo.Services.AddOptions<ClusterMembershipOptions>().BindConfiguration($"{ClusteringOptions.SectionName}:Membership");
            silo.AddGossipStorage(builder.Configuration, settings.GrainStorage);
            silo.AddGossipEmulator();
            silo.Services.AddSingleton<PlacementStrategy, RandomPlacement>();
            if (settings.Tls)
            {
                silo.UseGossipTls(settings.ConfigureTls, settings.ConfigureAllowList);
            }

            settings.ConfigureSilo?.Invoke(silo);
        });
        var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ClusterSilo).FullName!);
        if (settings.Tls)
        {
            LogTls(logger, settings.Name, settings.SiloPort, settings.GatewayPort);
        }
        else
        {
            LogNoTls(logger, settings.Name, settings.SiloPort, settings.GatewayPort);
        }

        return host;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Name}: silo port {SiloPort}, gateway port {GatewayPort}, mutual TLS 1.3 on every connection")]
    private static partial void LogTls(ILogger logger, string name, int siloPort, int gatewayPort);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Name}: silo port {SiloPort}, gateway port {GatewayPort}, WITHOUT TLS: connections are neither authenticated nor encrypted; use this on a trusted machine only")]
    private static partial void LogNoTls(ILogger logger, string name, int siloPort, int gatewayPort);
}
