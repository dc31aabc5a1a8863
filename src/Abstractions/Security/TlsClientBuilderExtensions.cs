using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;

namespace OrleansGossip.Abstractions.Security;

/// <summary>Mutual TLS for an Orleans client (the Gateway, the Dashboard, a tool) talking to an OrleansGossip cluster.</summary>
public static class TlsClientBuilderExtensions
{
    /// <summary>
    /// Connects to the cluster's gateways over mutual TLS 1.3 only, presenting the certificate of
    /// <see cref="TlsOptions"/> (section <c>Tls</c>, then <paramref name="configure"/>) and admitting only silos whose
    /// certificates the options trust. Bad settings stop the host at start-up, each named.
    /// </summary>
    public static IClientBuilder UseGossipTls(this IClientBuilder client, Action<TlsOptions>? configure = null)
    {
        client.Services.AddGossipTls(configure);
        client.Services.Configure<ClientConnectionOptions>(connections => connections.ConfigureConnection(builder =>
            builder.UseMiddleware(builder.ApplicationServices.GetRequiredKeyedService<TlsConnectionMiddleware>(TlsEndpoint.ClientOutbound))));
        return client;
    }
}
