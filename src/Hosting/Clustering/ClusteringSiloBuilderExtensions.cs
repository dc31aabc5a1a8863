using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace OrleansGossip.Hosting.Clustering;

/// <summary>Puts a silo into the cluster that the <c>Clustering</c> section describes.</summary>
public static class ClusteringSiloBuilderExtensions
{
    /// <summary>Reads the <c>Clustering</c> section of <paramref name="configuration"/> (defaults when it is absent).</summary>
    public static ClusteringOptions ReadClustering(this IConfiguration configuration) =>
        configuration.GetSection(ClusteringOptions.SectionName).Get<ClusteringOptions>() ?? new ClusteringOptions();

    /// <summary>
    /// Validates <paramref name="options"/> (throwing <see cref="OptionsValidationException"/> that names each bad key)
    /// and configures the silo's membership, endpoints and ids by them: <c>localhost</c> on loopback with a primary silo,
    /// <c>development</c> with a primary silo anywhere, <c>redis</c> or <c>postgres</c> with a shared table, and in
    /// Kubernetes the pod's name and address.
    /// </summary>
    public static ISiloBuilder UseGossipClustering(this ISiloBuilder silo, ClusteringOptions options, SiloEndpoints endpoints, Func<string, string?>? environment = null)
    {
        var validator = new ClusteringOptionsValidator(ClusteringRole.Silo, environment);
        validator.ThrowIfInvalid(options);
        silo.Services.AddSingleton(Options.Create(options));

        var clusterId = options.ClusterId ?? endpoints.ClusterId;
        var serviceId = options.ServiceId ?? endpoints.ServiceId;
        var provider = options.ParsedProvider;
        if (provider == ClusteringProvider.Localhost && !options.Kubernetes)
        {
            return silo.UseLocalhostClustering(
                endpoints.SiloPort,
                endpoints.GatewayPort,
                new IPEndPoint(IPAddress.Loopback, endpoints.PrimarySiloPort),
                serviceId,
                clusterId);
        }

        var advertised = options.AdvertisedAddress is { } configured ? IPAddress.Parse(configured) : null;
        if (options.Kubernetes)
        {
            var pod = KubernetesPod.From(environment);
            advertised = pod.Address;
            clusterId = options.ClusterId ?? pod.ClusterId ?? clusterId;
            serviceId = options.ServiceId ?? pod.ServiceId ?? serviceId;
            silo.Configure<SiloOptions>(o => o.SiloName = pod.Name);
            // Orleans' Kubernetes hosting reads the same variables, and watches the pods to take dead silos out.
            silo.UseKubernetesHosting();
        }

        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = clusterId;
            o.ServiceId = serviceId;
        });
        if (advertised is null)
        {
            silo.ConfigureEndpoints(endpoints.SiloPort, endpoints.GatewayPort, listenOnAnyHostAddress: true);
        }
        else
        {
            silo.ConfigureEndpoints(advertised, endpoints.SiloPort, endpoints.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(advertised));
        }

        switch (provider)
        {
            case ClusteringProvider.Development:
                var primary = options.PrimarySilo is { } text && ClusteringOptions.TryParseEndpoint(text, out var parsed)
                    ? parsed
                    : new IPEndPoint(advertised ?? IPAddress.Loopback, endpoints.PrimarySiloPort);
                silo.UseDevelopmentClustering(primary);
                break;
            case ClusteringProvider.Redis:
                silo.UseRedisClustering(options.ConnectionString!);
                break;
            case ClusteringProvider.Postgres:
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = PostgresSchema.Invariant;
                    o.ConnectionString = options.ConnectionString;
                });
                break;
        }

        return silo;
    }
}
