using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using OrleansGossip.Abstractions.Security;
using OrleansGossip.Silo.Commands;
using OrleansGossip.Silo.Security;

namespace OrleansGossip.Security.Tests;

/// <summary>
/// The certificates the tests need. The cluster's own come from <c>certs create</c>, as a user makes them: a folder
/// with the development CA (<c>ca.pem</c>, <c>ca.key</c>), <c>silo-1</c>, <c>silo-2</c>, <c>gateway</c> and
/// <c>dashboard</c>, from which the shared TLS cluster starts. The rest are made in memory with that CA: more silo
/// and client certificates, an expired silo certificate, and a foreign CA with a silo certificate of its own
/// (trusted by no one here).
/// </summary>
public sealed class TestPki : IDisposable
{
    private static readonly TimeSpan Validity = TimeSpan.FromDays(2);
    private readonly ConcurrentDictionary<(string, PeerRole), X509Certificate2> _issued = new();
    private readonly TempDirectory _folder = new();

    private TestPki()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CertsCommand.Execute(new DirectoryInfo(_folder.Path), 2, ["gateway", "dashboard"], 30, "ecdsa-p256", force: false, stdout, stderr);
        if (code != 0)
        {
            throw new InvalidOperationException($"certs create failed ({code}): {stderr}");
        }

        Ca = X509Certificate2.CreateFromPemFile(File("ca.pem"), File("ca.key"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
    }

    public static TestPki Shared { get; } = new();

    /// <summary>The folder <c>certs create</c> wrote.</summary>
    public string Folder => _folder.Path;

    /// <summary>The development CA of <see cref="Folder"/>, with its key.</summary>
    public X509Certificate2 Ca { get; }

    public X509Certificate2 ForeignCa { get; } = DevelopmentCertificates.CreateCa("foreign CA", TimeSpan.FromDays(20), DateTimeOffset.UtcNow.AddDays(-10));

    public X509Certificate2 Silo(string name) => _issued.GetOrAdd((name, PeerRole.Silo), _ => DevelopmentCertificates.Issue(Ca, name, PeerRole.Silo, Validity));

    public X509Certificate2 Client(string name) => _issued.GetOrAdd((name, PeerRole.Client), _ => DevelopmentCertificates.Issue(Ca, name, PeerRole.Client, Validity));

    /// <summary>
    /// A silo certificate of the cluster CA whose validity ended a minute ago (it began with the CA's, which
    /// <c>certs create</c> back-dates by a few minutes).
    /// </summary>
    public X509Certificate2 ExpiredSilo => _issued.GetOrAdd(("expired-silo", PeerRole.Silo), _ =>
    {
        var notBefore = new DateTimeOffset(Ca.NotBefore.ToUniversalTime());
        return DevelopmentCertificates.Issue(Ca, "expired-silo", PeerRole.Silo, DateTimeOffset.UtcNow.AddMinutes(-1) - notBefore, notBefore);
    });

    /// <summary>A silo certificate issued by <see cref="ForeignCa"/>.</summary>
    public X509Certificate2 ForeignSilo => _issued.GetOrAdd(("foreign-silo", PeerRole.Silo), _ => DevelopmentCertificates.Issue(ForeignCa, "foreign-silo", PeerRole.Silo, Validity));

    public X509Certificate2Collection Trust => [Ca];

    /// <summary>A file of <see cref="Folder"/>.</summary>
    public string File(string name) => _folder.File(name);

    /// <summary>TLS settings as a user writes them for <c>certs create</c> output: <c>&lt;name&gt;.pem</c>, <c>&lt;name&gt;.key</c> and <c>ca.pem</c>.</summary>
    public Action<TlsOptions> Files(string name) => tls =>
    {
        tls.CertificatePath = File($"{name}.pem");
        tls.KeyPath = File($"{name}.key");
        tls.CaCertificatePath = File("ca.pem");
    };

    public void Dispose()
    {
        foreach (var certificate in _issued.Values)
        {
            certificate.Dispose();
        }

        Ca.Dispose();
        ForeignCa.Dispose();
        _folder.Dispose();
    }
}
