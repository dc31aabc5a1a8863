namespace OrleansGossip.Abstractions.Security;

/// <summary>
/// Who a peer's certificate says it is: its SHA-256 fingerprint, its subject, and whether the certificate could serve
/// a silo (valid for TLS server and client authentication), which is what a silo allow-list governs.
/// </summary>
public sealed record PeerIdentity(string Fingerprint, string Subject, bool SiloCertificate);
