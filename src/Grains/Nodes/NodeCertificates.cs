using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Security;

namespace OrleansGossip.Grains.Nodes;

/// <summary>
/// The emulated nodes' TLS identities, as on the IC: each node has a self-signed ECDSA P-256 certificate whose
/// subject common name is its node id, and the registry records the certificate's SHA-256 fingerprint. A certificate
/// costs about a millisecond to make; it is made the first time its node id is asked for (or in parallel for a run's
/// nodes by <see cref="Prepare"/>) and kept, as its DER bytes and fingerprint (about half a kilobyte), for the life of
/// the silo, so that runs reusing node ids cost nothing more. The private key is not kept: no emulated handshake uses it.
/// </summary>
public static class NodeCertificates
{
    private static readonly ConcurrentDictionary<NodeId, Lazy<Issued>> Certificates = new();

    /// <summary>The node's certificate (public part), decoded afresh; the caller disposes it.</summary>
    public static X509Certificate2 For(NodeId node) => X509CertificateLoader.LoadCertificate(Get(node).Der);

    /// <summary>The SHA-256 fingerprint of the node's certificate, as the registry records it.</summary>
    public static string FingerprintOf(NodeId node) => Get(node).Fingerprint;

    /// <summary>Makes the certificates of <paramref name="nodes"/> that do not exist yet, on all cores.</summary>
    public static void Prepare(IEnumerable<NodeId> nodes) =>
        Parallel.ForEach(nodes.Where(n => !Certificates.ContainsKey(n)).ToList(), node => Get(node));

    private static Issued Get(NodeId node) =>
        Certificates.GetOrAdd(node, id => new Lazy<Issued>(() => Create(id))).Value;

    private static Issued Create(NodeId node)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var name = new X500DistinguishedNameBuilder();
        name.AddCommonName(node.Value);
        var request = new CertificateRequest(name.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));
        return new Issued(certificate.RawData, CertificateFingerprint.Of(certificate));
    }

    private sealed record Issued(byte[] Der, string Fingerprint);
}
