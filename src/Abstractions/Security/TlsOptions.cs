using System.Security.Cryptography.X509Certificates;

namespace OrleansGossip.Abstractions.Security;

/// <summary>
/// Mutual TLS 1.3 on the Orleans connections of a silo or a client (section <c>Tls</c>). This process presents the
/// certificate of <see cref="CertificatePath"/>; it trusts a peer whose certificate chains to the cluster CA of
/// <see cref="CaCertificatePath"/>, or whose SHA-256 fingerprint is one of <see cref="PinnedFingerprints"/> (set one
/// of the two). <see cref="Certificate"/> and <see cref="CaCertificates"/> stand in for the files when a host loads
/// certificates itself (tests, a key vault).
/// </summary>
public sealed class TlsOptions
{
    public const string SectionName = "Tls";

    /// <summary>This process's certificate: a PFX/PKCS#12 file (<c>.pfx</c>, <c>.p12</c>) or PEM, with its key or with <see cref="KeyPath"/>.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key of <see cref="CertificatePath"/>, when that file holds the certificate only.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The password of the PFX file, or of an encrypted PEM key.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Trust a cluster CA: a PEM (or DER) file with one or more CA certificates.</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>Trust pinned certificates: SHA-256 fingerprints, hex (colons, spaces and case are ignored; commas separate several).</summary>
    public List<string> PinnedFingerprints { get; set; } = [];

    /// <summary>A peer that has not completed its handshake within this time is disconnected.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>This process's certificate, with its private key; takes the place of <see cref="CertificatePath"/>.</summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>The cluster CA certificates; take the place of <see cref="CaCertificatePath"/>.</summary>
    public X509Certificate2Collection? CaCertificates { get; set; }
}
