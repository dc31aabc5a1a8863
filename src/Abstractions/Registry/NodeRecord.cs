namespace OrleansGossip.Abstractions.Registry;

/// <summary>
/// A node as the registry knows it: its subnet, its region and the fingerprint of the certificate it
/// authenticates with.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record NodeRecord(NodeId Id, SubnetId Subnet, string Region, string CertificateFingerprint);
