using System.Security.Cryptography.X509Certificates;
using OrleansGossip.Abstractions.Security;
using OrleansGossip.Silo.Security;
using Xunit;

namespace OrleansGossip.Security.Tests;

/// <summary>Certificates and trust from files (PEM and PFX), and start-up checks that name the setting at fault.</summary>
[Trait("Category", "Security")]
public sealed class TlsSettingsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Pem_files_with_a_separate_key_and_a_cluster_ca_load()
    {
        var (certificate, key) = DevelopmentCertificates.WritePem(TestPki.Shared.Silo("silo-1"), _dir.Path, "silo-1");
        var (ca, _) = DevelopmentCertificates.WritePem(CaWithoutKey(), _dir.Path, "ca");

        using var credentials = Load(new TlsOptions { CertificatePath = certificate, KeyPath = key, CaCertificatePath = ca }, out var problems);

        Assert.Empty(problems);
        Assert.NotNull(credentials);
        Assert.True(credentials.Certificate.HasPrivateKey);
        Assert.Equal(CertificateFingerprint.Of(TestPki.Shared.Silo("silo-1")), credentials.Fingerprint);
        Assert.Single(credentials.CaCertificates);
        Assert.Empty(credentials.PinnedFingerprints);
    }

    [Fact]
    public void A_pfx_file_with_a_password_and_pinned_fingerprints_load()
    {
        var pfx = _dir.File("silo.pfx");
        File.WriteAllBytes(pfx, TestPki.Shared.Silo("silo-1").Export(X509ContentType.Pkcs12, "secret"));
        var pin = CertificateFingerprint.Of(TestPki.Shared.Silo("silo-2"));

        using var credentials = Load(new TlsOptions
        {
            CertificatePath = pfx,
            CertificatePassword = "secret",
            PinnedFingerprints = [string.Join(':', pin.ToUpperInvariant().Chunk(2).Select(c => new string(c)))],
        }, out var problems);

        Assert.Empty(problems);
        Assert.Equal([pin], credentials!.PinnedFingerprints);
    }

    [Fact]
    public void Nothing_configured_names_both_missing_settings()
    {
        Assert.Null(Load(new TlsOptions(), out var problems));

        Assert.Contains(problems, p => p.StartsWith("Tls:CertificatePath is required", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Tls:CaCertificatePath or Tls:PinnedFingerprints is required", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_file_a_certificate_without_its_key_and_a_bad_pin_are_each_named()
    {
        var (certificate, _) = DevelopmentCertificates.WritePem(CaWithoutKey(), _dir.Path, "cert-only");

        Load(new TlsOptions { CertificatePath = _dir.File("nope.pem"), PinnedFingerprints = ["abc"] }, out var missing);
        Load(new TlsOptions { CertificatePath = certificate, CaCertificatePath = certificate }, out var keyless);

        Assert.Contains(missing, p => p.StartsWith("Tls:CertificatePath: file", StringComparison.Ordinal) && p.Contains("does not exist", StringComparison.Ordinal));
        Assert.Contains(missing, p => p.StartsWith("Tls:PinnedFingerprints:0: 'abc'", StringComparison.Ordinal));
        Assert.Contains(keyless, p => p.StartsWith("Tls:KeyPath is required", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_pem_a_wrong_pfx_password_a_missing_ca_file_and_an_unreadable_ca_file_are_each_named()
    {
        var garbage = _dir.File("garbage.pem");
        File.WriteAllText(garbage, "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n");
        var (_, key) = DevelopmentCertificates.WritePem(TestPki.Shared.Silo("silo-1"), _dir.Path, "silo-1");
        var pfx = _dir.File("silo.pfx");
        File.WriteAllBytes(pfx, TestPki.Shared.Silo("silo-1").Export(X509ContentType.Pkcs12, "secret"));

        Load(new TlsOptions { CertificatePath = garbage, KeyPath = key, CaCertificatePath = _dir.File("no-ca.pem") }, out var badPem);
        Load(new TlsOptions { CertificatePath = pfx, CertificatePassword = "wrong", CaCertificatePath = garbage }, out var badPassword);

        Assert.Contains(badPem, p => p.StartsWith("Tls:CertificatePath:", StringComparison.Ordinal) && p.Contains("could not be read", StringComparison.Ordinal));
        Assert.Contains(badPem, p => p.StartsWith("Tls:CaCertificatePath: file", StringComparison.Ordinal) && p.Contains("does not exist", StringComparison.Ordinal));
        Assert.Contains(badPassword, p => p.StartsWith("Tls:CertificatePath:", StringComparison.Ordinal) && p.Contains("could not be read", StringComparison.Ordinal));
        Assert.Contains(badPassword, p => p.StartsWith("Tls:CaCertificatePath:", StringComparison.Ordinal) && (p.Contains("could not be read", StringComparison.Ordinal) || p.Contains("holds no certificate", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_expired_certificate_a_ca_that_is_no_ca_and_two_kinds_of_trust_are_refused()
    {
        var (certificate, key) = DevelopmentCertificates.WritePem(TestPki.Shared.ExpiredSilo, _dir.Path, "expired");
        var (notCa, _) = DevelopmentCertificates.WritePem(TestPki.Shared.Silo("silo-2"), _dir.Path, "not-a-ca");

        Load(new TlsOptions
        {
            CertificatePath = certificate,
            KeyPath = key,
            CaCertificatePath = notCa,
            PinnedFingerprints = [CertificateFingerprint.Of(TestPki.Shared.Silo("silo-2"))],
            HandshakeTimeout = TimeSpan.Zero,
        }, out var problems);

        Assert.Contains(problems, p => p.StartsWith("Tls:CertificatePath: the certificate", StringComparison.Ordinal) && p.Contains("expired on", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Tls:CaCertificatePath:", StringComparison.Ordinal) && p.Contains("is not a CA certificate", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("are both set", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Tls:HandshakeTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public void Silo_certificates_serve_both_roles_and_client_certificates_only_the_client_role()
    {
        Assert.True(PeerCertificateValidator.IsValidFor(TestPki.Shared.Silo("silo-1"), PeerRole.Silo));
        Assert.True(PeerCertificateValidator.IsValidFor(TestPki.Shared.Silo("silo-1"), PeerRole.Client));
        Assert.False(PeerCertificateValidator.IsValidFor(TestPki.Shared.Client("gateway"), PeerRole.Silo));
        Assert.True(PeerCertificateValidator.IsValidFor(TestPki.Shared.Client("gateway"), PeerRole.Client));
    }

    [Fact]
    public void Certs_create_makes_a_ca_silo_and_client_certificates_that_load_as_tls_settings()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = Silo.Commands.CertsCommand.Execute(new DirectoryInfo(_dir.Path), 2, ["gateway", "dashboard"], 30, "ecdsa-p256", force: false, stdout, stderr);

        Assert.Equal(0, code);
        var ca = _dir.File("ca.pem");
        foreach (var (name, role) in new[] { ("silo-1", PeerRole.Silo), ("silo-2", PeerRole.Silo), ("gateway", PeerRole.Client), ("dashboard", PeerRole.Client) })
        {
            using var credentials = Load(new TlsOptions { CertificatePath = _dir.File($"{name}.pem"), KeyPath = _dir.File($"{name}.key"), CaCertificatePath = ca }, out var problems);
            Assert.Empty(problems);
            Assert.Equal($"CN={name}, O=OrleansGossip", credentials!.Certificate.Subject);
            Assert.Equal(role == PeerRole.Silo, PeerCertificateValidator.IsValidFor(credentials.Certificate, PeerRole.Silo));
            Assert.IsType<System.Security.Cryptography.ECDsa>(credentials.Certificate.GetECDsaPublicKey(), exactMatch: false);
            Assert.Contains($"{name} {credentials.Fingerprint}", File.ReadAllLines(_dir.File("fingerprints.txt")));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_dir.File($"{name}.key")));
            }
        }

        Assert.Contains("silo --certs", stdout.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, Silo.Commands.CertsCommand.Execute(new DirectoryInfo(_dir.Path), 2, ["gateway"], 30, "ecdsa-p256", force: false, stdout, stderr));
        Assert.Contains("--force", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, Silo.Commands.CertsCommand.Execute(new DirectoryInfo(_dir.Path), 2, ["gateway"], 30, "ed25519", force: true, stdout, stderr));
    }

    private static TlsCredentials? Load(TlsOptions options, out List<string> problems) =>
        TlsCredentials.TryLoad(options, TimeProvider.System, out problems);

    private static X509Certificate2 CaWithoutKey() => X509CertificateLoader.LoadCertificate(TestPki.Shared.Ca.RawData);
}
