using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace OrleansGossip.Silo.Health;

/// <summary>Adds the silo's HTTP health endpoint (section <c>Health</c>; off unless <c>Health:Port</c> is set).</summary>
public static class SiloHealthServiceCollectionExtensions
{
    /// <summary>
    /// Registers the liveness check (Orleans' health check participants) and the readiness check (the silo is an
    /// active cluster member), and the server that answers them. Call it before <c>UseOrleans</c>, so that the
    /// endpoint is up while the silo starts. A bad setting fails start-up, named.
    /// </summary>
    public static IServiceCollection AddSiloHealthEndpoint(this IServiceCollection services, Action<SiloHealthOptions>? configure = null)
    {
        var options = services.AddOptions<SiloHealthOptions>().BindConfiguration(SiloHealthOptions.SectionName).ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SiloHealthOptions>, SiloHealthOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SiloLivenessCheck>();
        services.TryAddSingleton<SiloReadinessCheck>();
        services.AddHealthChecks()
            .AddCheck<SiloLivenessCheck>("orleans", tags: [SiloHealthServer.LiveTag])
            .AddCheck<SiloReadinessCheck>("membership", tags: [SiloHealthServer.ReadyTag]);
        services.AddHostedService<SiloHealthServer>();
        return services;
    }
}
