using System.Net;

namespace OrleansGossip.Hosting.Clustering;

/// <summary>
/// What a silo in a Kubernetes pod takes from its environment (set by the pod spec's <c>fieldRef</c>s): its name,
/// namespace and address, and optionally the cluster's ids (<c>ORLEANS_CLUSTER_ID</c>, <c>ORLEANS_SERVICE_ID</c>).
/// </summary>
public sealed record KubernetesPod(string Name, string Namespace, IPAddress Address, string? ClusterId, string? ServiceId)
{
    public const string NameVariable = "POD_NAME";
    public const string NamespaceVariable = "POD_NAMESPACE";
    public const string AddressVariable = "POD_IP";
    public const string ClusterIdVariable = "ORLEANS_CLUSTER_ID";
    public const string ServiceIdVariable = "ORLEANS_SERVICE_ID";

    /// <summary>Reads the pod from <paramref name="environment"/> (the process's variables when null); validate first.</summary>
    public static KubernetesPod From(Func<string, string?>? environment = null)
    {
        var read = environment ?? Environment.GetEnvironmentVariable;
        string Required(string variable) => read(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"the environment variable {variable} is not set");

        var address = Required(AddressVariable);
        return new KubernetesPod(
            Required(NameVariable),
            Required(NamespaceVariable),
            IPAddress.TryParse(address, out var ip) ? ip : throw new InvalidOperationException($"environment variable {AddressVariable} '{address}' is not an IP address"),
            read(ClusterIdVariable) is { Length: > 0 } clusterId ? clusterId : null,
            read(ServiceIdVariable) is { Length: > 0 } serviceId ? serviceId : null);
    }
}
