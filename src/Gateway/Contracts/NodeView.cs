namespace OrleansGossip.Gateway.Contracts;

/// <summary>A node as the registry records it.</summary>
public sealed record NodeView(string Id, string Subnet, string Region, string CertificateFingerprint);
