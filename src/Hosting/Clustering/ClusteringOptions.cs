using System.Net;

namespace OrleansGossip.Hosting.Clustering;

/// <summary>
/// How a silo joins its cluster and how a client (the Gateway, the Dashboard) finds it: the configuration section
/// <c>Clustering</c>. Every process of one cluster needs the same provider, connection string and ids.
/// </summary>
public sealed class ClusteringOptions
{
    public const string SectionName = "Clustering";

    /// <summary>Where the membership table lives: <c>localhost</c> (the default), <c>development</c>, <c>redis</c> or <c>postgres</c>.</summary>
    public string Provider { get; set; } = "localhost";

    /// <summary>The Redis configuration string (<c>host:port,password=…</c>) or the PostgreSQL connection string.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The cluster's id: silos and clients with the same id (and service id) form one cluster.</summary>
    public string? ClusterId { get; set; }

    /// <summary>The service's id: what stays the same across deployments of the cluster.</summary>
    public string? ServiceId { get; set; }

    /// <summary>With <c>development</c>: the silo endpoint (<c>address:port</c>) of the primary silo, which holds the table.</summary>
    public string? PrimarySilo { get; set; }

    /// <summary>For clients with <c>localhost</c> or <c>development</c>: the silos' gateway endpoints (<c>address:port</c>).</summary>
    public List<string> Gateways { get; set; } = [];

    /// <summary>
    /// The address a silo tells others to reach it at; it then listens on every interface. Unset: loopback for
    /// <c>localhost</c>, otherwise this host's first address.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>
    /// Hosting in Kubernetes: the silo's name, address and cluster ids come from the pod (<c>POD_NAME</c>,
    /// <c>POD_NAMESPACE</c>, <c>POD_IP</c>, and <c>ORLEANS_CLUSTER_ID</c> / <c>ORLEANS_SERVICE_ID</c> when set), and
    /// silos of pods that are gone are taken out of the cluster. Needs a shared table: <c>redis</c> or <c>postgres</c>.
    /// </summary>
    public bool Kubernetes { get; set; }

    /// <summary>The provider, parsed; call after validation.</summary>
    public ClusteringProvider ParsedProvider => Enum.Parse<ClusteringProvider>(Provider, ignoreCase: true);

    /// <summary>Reads an <c>address:port</c> endpoint; a host name is resolved.</summary>
    public static bool TryParseEndpoint(string? text, out IPEndPoint endpoint)
    {
        endpoint = null!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (IPEndPoint.TryParse(text, out var parsed) && parsed.Port > 0)
        {
            endpoint = parsed;
            return true;
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), out var port) || port is <= 0 or > 65535)
        {
            return false;
        }

        try
        {
            var addresses = Dns.GetHostAddresses(text[..colon]);
            var address = addresses.FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
            if (address is null)
            {
                return false;
            }

            endpoint = new IPEndPoint(address, port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}
