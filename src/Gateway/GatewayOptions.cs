using System.ComponentModel.DataAnnotations;

namespace OrleansGossip.Gateway;

/// <summary>Settings of the HTTP API.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>The most bytes a request body may have, except artifact submissions.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxRequestBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The most bytes an artifact submission may have: a 4 MiB block in base64, and room for the rest.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxArtifactRequestBytes { get; set; } = 6 * 1024 * 1024;

    /// <summary>The most nodes a run started through the API may have over all its subnets, to keep one request from swamping the cluster.</summary>
    [Range(1, 1_000_000)]
    public int MaxNodesPerRun { get; set; } = 5_000;
}
