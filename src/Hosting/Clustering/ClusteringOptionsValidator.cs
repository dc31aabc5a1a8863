using System.Net;
using Microsoft.Extensions.Options;

namespace OrleansGossip.Hosting.Clustering;

/// <summary>
/// Checks the <c>Clustering</c> section before anything starts: each failure names the key at fault
/// (<c>Clustering:Provider</c>, <c>Clustering:ConnectionString</c>, …) and says what it should be.
/// </summary>
public sealed class ClusteringOptionsValidator(ClusteringRole role, Func<string, string?>? environment = null) : IValidateOptions<ClusteringOptions>
{
    /// <summary>The pod's environment variables that Kubernetes hosting needs.</summary>
    public static IReadOnlyList<string> KubernetesVariables { get; } = [KubernetesPod.NameVariable, KubernetesPod.NamespaceVariable, KubernetesPod.AddressVariable];

    public ValidateOptionsResult Validate(string? name, ClusteringOptions options)
    {
        var failures = Check(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> with every failure when the options are wrong.</summary>
    public void ThrowIfInvalid(ClusteringOptions options)
    {
        var failures = Check(options).ToList();
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(ClusteringOptions.SectionName, typeof(ClusteringOptions), failures);
        }
    }

    private IEnumerable<string> Check(ClusteringOptions options)
    {
        const string section = ClusteringOptions.SectionName;
        if (!Enum.TryParse<ClusteringProvider>(options.Provider, ignoreCase: true, out var provider) || int.TryParse(options.Provider, out _))
        {
            yield return $"{section}:Provider '{options.Provider}' is not one of localhost, development, redis, postgres";
            yield break;
        }

        if (provider is ClusteringProvider.Redis or ClusteringProvider.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            yield return $"{section}:ConnectionString is required when {section}:Provider is {provider.ToString().ToLowerInvariant()}";
        }

        if (provider == ClusteringProvider.Postgres && !string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            string? problem = null;
            try
            {
                _ = new Npgsql.NpgsqlConnectionStringBuilder(options.ConnectionString);
            }
            catch (ArgumentException e)
            {
                problem = e.Message;
            }

            if (problem is not null)
            {
                yield return $"{section}:ConnectionString is not a PostgreSQL connection string: {problem}";
            }
        }

        if (options.ClusterId is { } clusterId && string.IsNullOrWhiteSpace(clusterId))
        {
            yield return $"{section}:ClusterId must not be blank";
        }

        if (options.ServiceId is { } serviceId && string.IsNullOrWhiteSpace(serviceId))
        {
            yield return $"{section}:ServiceId must not be blank";
        }

        if (options.AdvertisedAddress is { } advertised && !IPAddress.TryParse(advertised, out _))
        {
            yield return $"{section}:AdvertisedAddress '{advertised}' is not an IP address";
        }

        if (role == ClusteringRole.Silo && provider == ClusteringProvider.Development && options.PrimarySilo is not null
            && !ClusteringOptions.TryParseEndpoint(options.PrimarySilo, out _))
        {
            yield return $"{section}:PrimarySilo '{options.PrimarySilo}' is not an address:port endpoint";
        }

        if (role == ClusteringRole.Client && provider is ClusteringProvider.Localhost or ClusteringProvider.Development)
        {
            for (var i = 0; i < options.Gateways.Count; i++)
            {
                if (!ClusteringOptions.TryParseEndpoint(options.Gateways[i], out _))
                {
                    yield return $"{section}:Gateways:{i} '{options.Gateways[i]}' is not an address:port endpoint";
                }
            }

            if (provider == ClusteringProvider.Development && options.Gateways.Count == 0)
            {
                yield return $"{section}:Gateways needs at least one silo gateway endpoint (address:port) when {section}:Provider is development";
            }
        }

        if (options.Kubernetes && role == ClusteringRole.Silo)
        {
            if (provider is ClusteringProvider.Localhost or ClusteringProvider.Development)
            {
                yield return $"{section}:Kubernetes needs a membership table that every pod shares: set {section}:Provider to redis or postgres, not {provider.ToString().ToLowerInvariant()}";
            }

            var read = environment ?? Environment.GetEnvironmentVariable;
            foreach (var variable in KubernetesVariables)
            {
                if (string.IsNullOrWhiteSpace(read(variable)))
                {
                    yield return $"{section}:Kubernetes is on but the environment variable {variable} is not set (give it from the pod's fieldRef)";
                }
            }

            if (read(KubernetesPod.AddressVariable) is { Length: > 0 } podIp && !IPAddress.TryParse(podIp, out _))
            {
                yield return $"environment variable {KubernetesPod.AddressVariable} '{podIp}' is not an IP address";
            }
        }
    }
}
