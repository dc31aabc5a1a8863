using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace OrleansGossip.Abstractions.Security;

/// <summary>Registers the TLS layer both silos and clients use: options bound from <c>Tls</c> and checked at start-up, credentials, validator, monitor.</summary>
public static class TlsServiceCollectionExtensions
{
    public static IServiceCollection AddGossipTls(this IServiceCollection services, Action<TlsOptions>? configure = null)
    {
        var options = services.AddOptions<TlsOptions>().BindConfiguration(TlsOptions.SectionName).ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TlsOptions>, TlsOptionsValidator>());
        services.TryAddSingleton(sp => TlsCredentials.Load(sp.GetRequiredService<IOptions<TlsOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<PeerCertificateValidator>();
        services.TryAddSingleton<TlsConnectionMonitor>();
        foreach (var endpoint in Enum.GetValues<TlsEndpoint>())
        {
            services.TryAddKeyedSingleton(endpoint, (sp, _) => ActivatorUtilities.CreateInstance<TlsConnectionMiddleware>(sp, endpoint));
        }

        return services;
    }
}
