using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OrleansGossip.Abstractions.Security;

namespace OrleansGossip.Silo.Security;

/// <summary>
/// Makes the certificates of a development cluster: a CA, and silo and client certificates it issues, all ECDSA
/// P-256 (.NET has no Ed25519 certificates). Silo certificates are valid for TLS server and client authentication
/// (a silo is both); client certificates for client authentication only, so that a client's certificate cannot join
/// as a silo. Each certificate's subject common name is its name; silo certificates also name localhost.
/// </summary>
public static class DevelopmentCertificates
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    /// <summary>A CA certificate with its private key, valid from five minutes ago for <paramref name="validity"/>.</summary>
    public static X509Certificate2 CreateCa(string name, TimeSpan validity, DateTimeOffset? notBefore = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Subject(name), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var from = notBefore ?? DateTimeOffset.UtcNow.AddMinutes(-5);
        using var ca = request.CreateSelfSigned(from, from + validity);
        return CertificateFiles.Usable(X509CertificateLoader.LoadPkcs12(ca.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable));
    }

    /// <summary>A certificate for <paramref name="role"/> issued by <paramref name="ca"/>, with its private key.</summary>
    public static X509Certificate2 Issue(X509Certificate2 ca, string name, PeerRole role, TimeSpan validity, DateTimeOffset? notBefore = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Subject(name), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var usages = role == PeerRole.Silo
            ? new OidCollection { new Oid(ServerAuthentication), new Oid(ClientAuthentication) }
            : new OidCollection { new Oid(ClientAuthentication) };
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        if (role == PeerRole.Silo)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName(name);
            names.AddDnsName("localhost");
            names.AddIpAddress(IPAddress.Loopback);
            names.AddIpAddress(IPAddress.IPv6Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        var from = notBefore ?? DateTimeOffset.UtcNow.AddMinutes(-5);
        var until = from + validity;
        if (until > ca.NotAfter)
        {
            until = ca.NotAfter;
        }

        using var issued = request.Create(ca, from, until, RandomNumberGenerator.GetBytes(16));
        using var withKey = issued.CopyWithPrivateKey(key);
        return CertificateFiles.Usable(X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable));
    }

    /// <summary>Writes the certificate as <c>&lt;name&gt;.pem</c> and, when it has one, its private key as <c>&lt;name&gt;.key</c> (PKCS#8, readable by the owner only).</summary>
    public static (string Certificate, string? Key) WritePem(X509Certificate2 certificate, string directory, string name)
    {
        Directory.CreateDirectory(directory);
        var certificatePath = Path.Combine(directory, $"{name}.pem");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem() + "\n");
        using var key = certificate.GetECDsaPrivateKey();
        if (key is null)
        {
            return (certificatePath, null);
        }

        var keyPath = Path.Combine(directory, $"{name}.key");
        File.WriteAllText(keyPath, "");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem() + "\n");
        return (certificatePath, keyPath);
    }

    private static X500DistinguishedName Subject(string name)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName(name);
        builder.AddOrganizationName("OrleansGossip");
        return builder.Build();
    }
}
