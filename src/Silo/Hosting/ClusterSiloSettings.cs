using Microsoft.Extensions.Logging;
using OrleansGossip.Abstractions.Security;
using OrleansGossip.Hosting.Clustering;
using OrleansGossip.Hosting.Storage;
using OrleansGossip.Silo.Security;

namespace OrleansGossip.Silo.Hosting;

/// <summary>
/// One silo of a cluster: its name and ports, the primary silo that holds the membership table with localhost
/// clustering, and its TLS, on unless <see cref="Tls"/> is false. How it finds the cluster comes from
/// <see cref="Clustering"/>, or else from the configuration's <c>Clustering</c> section.
/// </summary>
public sealed record ClusterSiloSettings
{
    public string Name { get; init; } = "silo-1";

    public int SiloPort { get; init; } = 11111;

    public int GatewayPort { get; init; } = 30000;

    /// <summary>The silo port of the primary silo; a silo whose own port this is, is the primary.</summary>
    public int PrimarySiloPort { get; init; } = 11111;

    /// <summary>The cluster id; Orleans' localhost default, which the Gateway's own client uses too.</summary>
    public string ClusterId { get; init; } = "dev";

    public string ServiceId { get; init; } = "dev";

    /// <summary>The cluster's membership; null: the <c>Clustering</c> section of the configuration (localhost when absent).</summary>
    public ClusteringOptions? Clustering { get; init; }

    /// <summary>Where grain state is kept; null: the <c>GrainStorage</c> section of the configuration (memory when absent).</summary>
    public GrainStorageOptions? GrainStorage { get; init; }

    /// <summary>Mutual TLS on every connection (settings from the <c>Tls</c> section, then <see cref="ConfigureTls"/>).</summary>
    public bool Tls { get; init; } = true;

    public Action<TlsOptions>? ConfigureTls { get; init; }

    public Action<SiloAllowListOptions>? ConfigureAllowList { get; init; }

    /// <summary>Anything else the host wants of the silo (tests shorten membership time-outs here).</summary>
    public Action<ISiloBuilder>? ConfigureSilo { get; init; }

    public LogLevel LogLevel { get; init; } = LogLevel.Information;
}
