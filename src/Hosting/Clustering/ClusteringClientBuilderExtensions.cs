using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace OrleansGossip.Hosting.Clustering;

/// <summary>Points an Orleans client (the Gateway, the Dashboard) at the cluster that the <c>Clustering</c> section describes.</summary>
public static class ClusteringClientBuilderExtensions
{
    /// <summary>The gateway a <c>localhost</c> client connects to when the section names none (the silo command's default).</summary>
    public const int DefaultGatewayPort = 30_000;

    /// <summary>The ids a cluster uses when the section names none: the <c>silo</c> command's.</summary>
    public const string DefaultId = "dev";

    /// <summary>
    /// Reads and validates the <c>Clustering</c> section of <paramref name="configuration"/> (throwing
    /// <see cref="OptionsValidationException"/> that names each bad key) and configures the client by it.
    /// </summary>
    public static IClientBuilder UseGossipClustering(this IClientBuilder client, IConfiguration configuration) =>
        client.UseGossipClustering(configuration.ReadClustering());

    /// <summary>Validates <paramref name="options"/> and configures the client's gateway list and ids by them.</summary>
    public static IClientBuilder UseGossipClustering(this IClientBuilder client, ClusteringOptions options)
    {
        new ClusteringOptionsValidator(ClusteringRole.Client).ThrowIfInvalid(options);
        client.Services.AddSingleton(Options.Create(options));
        var clusterId = options.ClusterId ?? DefaultId;
        var serviceId = options.ServiceId ?? DefaultId;
        var gateways = options.Gateways
            .Select(g => ClusteringOptions.TryParseEndpoint(g, out var endpoint) ? endpoint : throw new InvalidOperationException(g))
            .ToList();
        switch (options.ParsedProvider)
        {
            case ClusteringProvider.Localhost:
                var ports = gateways.Count == 0 ? [DefaultGatewayPort] : gateways.Select(g => g.Port).ToArray();
                return client.UseLocalhostClustering(ports, serviceId, clusterId);
            case ClusteringProvider.Development:
                client.UseStaticClustering([.. gateways]);
                break;
            case ClusteringProvider.Redis:
                client.UseRedisClustering(options.ConnectionString!);
                break;
            case ClusteringProvider.Postgres:
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = PostgresSchema.Invariant;
                    o.ConnectionString = options.ConnectionString;
                });
                break;
        }

        return client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = clusterId;
            o.ServiceId = serviceId;
        });
    }
}
