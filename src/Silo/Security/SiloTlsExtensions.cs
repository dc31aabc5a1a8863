using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansGossip.Abstractions.Security;

namespace OrleansGossip.Silo.Security;

/// <summary>Mutual TLS 1.3 on every Orleans connection of a silo: to and from other silos, and from clients to its gateway.</summary>
public static class SiloTlsExtensions
{
    /// <summary>
    /// Puts every connection of the silo under mutual TLS 1.3 with the certificate and trust of <see cref="TlsOptions"/>
    /// (section <c>Tls</c>, then <paramref name="configure"/>): silo-to-silo connections admit only silo certificates,
    /// the gateway admits client (and silo) certificates, and, unless <c>Tls:AllowList:Enabled</c> is false, the
    /// registry's silo allow-list can revoke a silo. Bad settings stop the silo at start-up, each named.
    /// </summary>
    public static ISiloBuilder UseGossipTls(this ISiloBuilder silo, Action<TlsOptions>? configure = null, Action<SiloAllowListOptions>? configureAllowList = null)
    {
        silo.Services.AddGossipTls(configure);
        var allowList = silo.Services.AddOptions<SiloAllowListOptions>().BindConfiguration(SiloAllowListOptions.SectionName).ValidateOnStart();
        if (configureAllowList is not null)
        {
            allowList.Configure(configureAllowList);
        }

        silo.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SiloAllowListOptions>, SiloAllowListOptionsValidator>());
        silo.Services.TryAddSingleton<SiloAllowListCache>();
        silo.Services.AddSingleton<IPeerAuthorizer>(sp => new AllowListAuthorizer(sp));
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => Enabled(sp) ? sp.GetRequiredService<SiloAllowListCache>() : new NoParticipant());
        silo.Services.Configure<SiloConnectionOptions>(connections =>
        {
            connections.ConfigureSiloInboundConnection(builder => builder.UseMiddleware(Middleware(builder, TlsEndpoint.SiloInbound)));
            connections.ConfigureSiloOutboundConnection(builder => builder.UseMiddleware(Middleware(builder, TlsEndpoint.SiloOutbound)));
            connections.ConfigureGatewayInboundConnection(builder => builder.UseMiddleware(Middleware(builder, TlsEndpoint.GatewayInbound)));
        });
        return silo;
    }

    private static TlsConnectionMiddleware Middleware(IConnectionBuilder builder, TlsEndpoint endpoint) =>
        builder.ApplicationServices.GetRequiredKeyedService<TlsConnectionMiddleware>(endpoint);

    private static bool Enabled(IServiceProvider services) => services.GetRequiredService<IOptions<SiloAllowListOptions>>().Value.Enabled;

    /// <summary>The allow-list when it is enabled; otherwise an authorizer that refuses no one.</summary>
    private sealed class AllowListAuthorizer : IPeerAuthorizer
    {
        private readonly SiloAllowListCache? _cache;

        public AllowListAuthorizer(IServiceProvider services)
        {
            _cache = Enabled(services) ? services.GetRequiredService<SiloAllowListCache>() : null;
        }

        public event Action? Changed
        {
            add
            {
                if (_cache is not null)
                {
                    _cache.Changed += value;
                }
            }

            remove
            {
                if (_cache is not null)
                {
                    _cache.Changed -= value;
                }
            }
        }

        public string? Refuse(PeerIdentity peer, PeerRole role) => _cache?.Refuse(peer, role);
    }

    private sealed class NoParticipant : ILifecycleParticipant<ISiloLifecycle>
    {
        public void Participate(ISiloLifecycle lifecycle)
        {
        }
    }
}
