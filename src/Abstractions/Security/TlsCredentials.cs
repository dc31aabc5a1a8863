using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OrleansGossip.Abstractions.Security;

/// <summary>
/// What <see cref="TlsOptions"/> name, loaded and checked: this process's certificate (with its chain, ready for
/// <c>SslStream</c>) and what it trusts. <see cref="TryLoad"/> reports every problem, each naming its setting.
/// </summary>
public sealed class TlsCredentials : IDisposable
{
    private readonly bool _ownsCertificate;

    private TlsCredentials(
        X509Certificate2 certificate,
        bool ownsCertificate,
        X509Certificate2Collection chain,
        X509Certificate2Collection caCertificates,
        IReadOnlySet<string> pinnedFingerprints)
    {
        _ownsCertificate = ownsCertificate;
        Certificate = certificate;
        CaCertificates = caCertificates;
        PinnedFingerprints = pinnedFingerprints;
        Fingerprint = CertificateFingerprint.Of(certificate);
        CertificateContext = SslStreamCertificateContext.Create(certificate, chain, offline: true);
    }

    /// <summary>This process's certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    public string Fingerprint { get; }

    public SslStreamCertificateContext CertificateContext { get; }

    /// <summary>The cluster CA certificates; empty when trust is by pinned fingerprints.</summary>
    public X509Certificate2Collection CaCertificates { get; }

    /// <summary>The pinned fingerprints, canonical; empty when trust is by the cluster CA.</summary>
    public IReadOnlySet<string> PinnedFingerprints { get; }

    /// <summary>Loads the credentials; throws <see cref="InvalidOperationException"/> with every problem when they are not usable.</summary>
    public static TlsCredentials Load(TlsOptions options, TimeProvider? time = null)
    {
        var credentials = TryLoad(options, time ?? TimeProvider.System, out var problems);
        return credentials ?? throw new InvalidOperationException(string.Join("; ", problems));
    }

    /// <summary>The credentials, or null and <paramref name="problems"/>, each naming the setting (<c>Tls:...</c>) at fault.</summary>
    public static TlsCredentials? TryLoad(TlsOptions options, TimeProvider time, out List<string> problems)
    {
        problems = [];
        var certificate = LoadCertificate(options, time, problems, out var chain);
        var cas = LoadCas(options, problems);
        var pins = LoadPins(options, problems);

        var hasCa = options.CaCertificates is { Count: > 0 } || !string.IsNullOrWhiteSpace(options.CaCertificatePath);
        var hasPins = options.PinnedFingerprints.Any(p => !string.IsNullOrWhiteSpace(p));
        if (!hasCa && !hasPins)
        {
            problems.Add($"{Key(nameof(TlsOptions.CaCertificatePath))} or {Key(nameof(TlsOptions.PinnedFingerprints))} is required: trust a cluster CA or a pinned set of certificate fingerprints");
        }
        else if (hasCa && hasPins)
        {
            problems.Add($"{Key(nameof(TlsOptions.CaCertificatePath))} and {Key(nameof(TlsOptions.PinnedFingerprints))} are both set: trust either a cluster CA or pinned fingerprints, not both");
        }

        if (options.HandshakeTimeout < TimeSpan.FromMilliseconds(100) || options.HandshakeTimeout > TimeSpan.FromMinutes(5))
        {
            problems.Add($"{Key(nameof(TlsOptions.HandshakeTimeout))} must be between 00:00:00.1 and 00:05:00, not {options.HandshakeTimeout}");
        }

        var owned = options.Certificate is null;
        if (problems.Count > 0 || certificate is null)
        {
            if (owned)
            {
                certificate?.Dispose();
            }

            return null;
        }

        return new TlsCredentials(certificate, owned, chain, cas, pins);
    }

    public void Dispose()
    {
        if (_ownsCertificate)
        {
            Certificate.Dispose();
        }
    }

    private static string Key(string property) => $"{TlsOptions.SectionName}:{property}";

    private static X509Certificate2? LoadCertificate(TlsOptions options, TimeProvider time, List<string> problems, out X509Certificate2Collection chain)
    {
        chain = [];
        var setting = Key(nameof(TlsOptions.CertificatePath));
        X509Certificate2? certificate;
        if (options.Certificate is { } given)
        {
            setting = Key(nameof(TlsOptions.Certificate));
            certificate = given;
        }
        else if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            problems.Add($"{setting} is required: the PEM or PFX file with this process's certificate");
            return null;
        }
        else if (!File.Exists(options.CertificatePath))
        {
            problems.Add($"{setting}: file '{options.CertificatePath}' does not exist");
            return null;
        }
        else if (options.KeyPath is { Length: > 0 } keyPath && !File.Exists(keyPath))
        {
            problems.Add($"{Key(nameof(TlsOptions.KeyPath))}: file '{keyPath}' does not exist");
            return null;
        }
        else
        {
            try
            {
                (certificate, chain) = CertificateFiles.LoadWithKey(options.CertificatePath, NullIfEmpty(options.KeyPath), NullIfEmpty(options.CertificatePassword));
            }
            catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                problems.Add($"{setting}: '{options.CertificatePath}' could not be read as a PEM or PFX certificate with its key: {e.Message}");
                return null;
            }

            if (certificate is null)
            {
                problems.Add($"{Key(nameof(TlsOptions.KeyPath))} is required: '{options.CertificatePath}' holds no private key");
                return null;
            }
        }

        if (!certificate.HasPrivateKey)
        {
            problems.Add($"{setting}: the certificate '{certificate.Subject}' comes without its private key");
        }

        var now = time.GetUtcNow();
        if (now > certificate.NotAfter.ToUniversalTime())
        {
            problems.Add($"{setting}: the certificate '{certificate.Subject}' expired on {certificate.NotAfter.ToUniversalTime():u}");
        }
        else if (now < certificate.NotBefore.ToUniversalTime())
        {
            problems.Add($"{setting}: the certificate '{certificate.Subject}' is not valid before {certificate.NotBefore.ToUniversalTime():u}");
        }

        return certificate;
    }

    private static X509Certificate2Collection LoadCas(TlsOptions options, List<string> problems)
    {
        if (options.CaCertificates is { Count: > 0 } given)
        {
            return given;
        }

        var path = options.CaCertificatePath;
        var setting = Key(nameof(TlsOptions.CaCertificatePath));
        if (string.IsNullOrWhiteSpace(path))
        {
            return [];
        }

        if (!File.Exists(path))
        {
            problems.Add($"{setting}: file '{path}' does not exist");
            return [];
        }

        try
        {
            var cas = CertificateFiles.LoadCertificates(path);
            if (cas.Count == 0)
            {
                problems.Add($"{setting}: '{path}' holds no certificate");
            }

            foreach (var ca in cas)
            {
                if (ca.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is not { CertificateAuthority: true })
                {
                    problems.Add($"{setting}: '{ca.Subject}' in '{path}' is not a CA certificate");
                }
            }

            return cas;
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            problems.Add($"{setting}: '{path}' could not be read as PEM or DER certificates: {e.Message}");
            return [];
        }
    }

    private static HashSet<string> LoadPins(TlsOptions options, List<string> problems)
    {
        var pins = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.PinnedFingerprints.Count; i++)
        {
            foreach (var entry in (options.PinnedFingerprints[i] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (CertificateFingerprint.TryNormalize(entry, out var pin))
                {
                    pins.Add(pin);
                }
                else
                {
                    problems.Add($"{Key(nameof(TlsOptions.PinnedFingerprints))}:{i}: '{entry}' is not a SHA-256 fingerprint ({CertificateFingerprint.Length} hex digits)");
                }
            }
        }

        return pins;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
