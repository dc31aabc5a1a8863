namespace OrleansGossip.Hosting.Clustering;

/// <summary>
/// A silo's own ports and the ids it uses unless the <c>Clustering</c> section names others; with <c>localhost</c>
/// clustering, <see cref="PrimarySiloPort"/> is the loopback port of the silo that holds the table.
/// </summary>
public sealed record SiloEndpoints(int SiloPort, int GatewayPort, int PrimarySiloPort, string ClusterId, string ServiceId);
