using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OrleansGossip.Abstractions.Security;

/// <summary>
/// Decides whether a peer's certificate admits it, in this order: it presented one; it is current; it is valid for
/// the role the connection needs; it chains to the cluster CA (or is pinned); every <see cref="IPeerAuthorizer"/>
/// (the registry's silo allow-list) admits it. Host names play no part: as on the IC, a peer is its certificate.
/// </summary>
public sealed class PeerCertificateValidator(TlsCredentials credentials, IEnumerable<IPeerAuthorizer> authorizers, TimeProvider time)
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    private readonly IPeerAuthorizer[] _authorizers = authorizers.ToArray();

    /// <summary>Checks the certificate a peer presented in a handshake; <paramref name="presented"/> carries the intermediates it sent.</summary>
    public PeerVerdict Validate(System.Security.Cryptography.X509Certificates.X509Certificate? certificate, X509Chain? presented, PeerRole role)
    {
        if (certificate is null)
        {
            return PeerVerdict.Refuse(PeerRefusal.NoCertificate, "the peer presented no certificate");
        }

        var peer = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        var fingerprint = CertificateFingerprint.Of(peer);
        var subject = peer.Subject;
        var identity = new PeerIdentity(fingerprint, subject, IsValidFor(peer, PeerRole.Silo));
        var now = time.GetUtcNow();
        if (now > peer.NotAfter.ToUniversalTime())
        {
            return PeerVerdict.Refuse(PeerRefusal.Expired, $"the certificate '{subject}' expired on {peer.NotAfter.ToUniversalTime():u}", identity);
        }

        if (now < peer.NotBefore.ToUniversalTime())
        {
            return PeerVerdict.Refuse(PeerRefusal.NotYetValid, $"the certificate '{subject}' is not valid before {peer.NotBefore.ToUniversalTime():u}", identity);
        }

        if (!IsValidFor(peer, role))
        {
            return PeerVerdict.Refuse(PeerRefusal.WrongRole, $"the certificate '{subject}' is not valid for a {RoleName(role)} (extended key usage)", identity);
        }

        if (credentials.PinnedFingerprints.Count > 0)
        {
            if (!credentials.PinnedFingerprints.Contains(fingerprint))
            {
                return PeerVerdict.Refuse(PeerRefusal.Untrusted, $"the certificate '{subject}' ({fingerprint}) is not pinned", identity);
            }
        }
        else if (ChainProblem(peer, presented, now) is { } problem)
        {
            return PeerVerdict.Refuse(PeerRefusal.Untrusted, $"the certificate '{subject}' is not issued by the cluster CA: {problem}", identity);
        }

        if (Reauthorize(identity, role) is { } refusal)
        {
            return PeerVerdict.Refuse(PeerRefusal.Revoked, refusal, identity);
        }

        return PeerVerdict.Accept(identity);
    }

    /// <summary>Checks a peer (connected already, or being) against the authorizers; null when it is admitted.</summary>
    public string? Reauthorize(PeerIdentity peer, PeerRole role)
    {
        foreach (var authorizer in _authorizers)
        {
            if (authorizer.Refuse(peer, role) is { } refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    /// <summary>
    /// A silo's certificate must allow TLS server and client authentication (it is both); a client's, client
    /// authentication. A certificate that names no extended key usage is valid for every use.
    /// </summary>
    public static bool IsValidFor(X509Certificate2 certificate, PeerRole role)
    {
        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
        if (usages is null)
        {
            return true;
        }

        var oids = usages.EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value).ToHashSet(StringComparer.Ordinal);
        return role == PeerRole.Silo
            ? oids.Contains(ServerAuthentication) && oids.Contains(ClientAuthentication)
            : oids.Contains(ClientAuthentication);
    }

    private string? ChainProblem(X509Certificate2 peer, X509Chain? presented, DateTimeOffset now)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(credentials.CaCertificates);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                if (!element.Certificate.RawDataMemory.Span.SequenceEqual(peer.RawDataMemory.Span))
                {
                    chain.ChainPolicy.ExtraStore.Add(element.Certificate);
                }
            }

            chain.ChainPolicy.ExtraStore.AddRange(presented.ChainPolicy.ExtraStore);
        }

        if (chain.Build(peer))
        {
            return null;
        }

        var statuses = chain.ChainStatus.Select(s => s.Status.ToString()).Distinct();
        return string.Join(", ", statuses);
    }

    private static string RoleName(PeerRole role) => role == PeerRole.Silo ? "silo" : "client";
}
