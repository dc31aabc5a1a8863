using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using OrleansGossip.Abstractions.Security;
using OrleansGossip.Silo.Security;

namespace OrleansGossip.Security.Tests;

/// <summary>
/// The certificates the tests need, made in memory: the cluster CA and the silo and client certificates it issues,
/// an expired silo certificate, and a foreign CA with a silo certificate of its own (trusted by no one here).
/// </summary>
public sealed class TestPki : IDisposable
{
    private static readonly TimeSpan Validity = TimeSpan.FromDays(2);
    private readonly ConcurrentDictionary<(string, PeerRole), X509Certificate2> _issued = new();

    public static TestPki Shared { get; } = new();

    public X509Certificate2 Ca { get; } = DevelopmentCertificates.CreateCa("test cluster CA", TimeSpan.FromDays(20), DateTimeOffset.UtcNow.AddDays(-10));

    public X509Certificate2 ForeignCa { get; } = DevelopmentCertificates.CreateCa("foreign CA", TimeSpan.FromDays(20), DateTimeOffset.UtcNow.AddDays(-10));

    public X509Certificate2 Silo(string name) => _issued.GetOrAdd((name, PeerRole.Silo), _ => DevelopmentCertificates.Issue(Ca, name, PeerRole.Silo, Validity));

    public X509Certificate2 Client(string name) => _issued.GetOrAdd((name, PeerRole.Client), _ => DevelopmentCertificates.Issue(Ca, name, PeerRole.Client, Validity));

    /// <summary>A silo certificate of the cluster CA whose validity ended a day ago.</summary>
    public X509Certificate2 ExpiredSilo => _issued.GetOrAdd(("expired-silo", PeerRole.Silo), _ =>
        DevelopmentCertificates.Issue(Ca, "expired-silo", PeerRole.Silo, TimeSpan.FromDays(1), DateTimeOffset.UtcNow.AddDays(-3)));

    /// <summary>A silo certificate issued by <see cref="ForeignCa"/>.</summary>
    public X509Certificate2 ForeignSilo => _issued.GetOrAdd(("foreign-silo", PeerRole.Silo), _ => DevelopmentCertificates.Issue(ForeignCa, "foreign-silo", PeerRole.Silo, Validity));

    public X509Certificate2Collection Trust => [Ca];

    public void Dispose()
    {
        foreach (var certificate in _issued.Values)
        {
            certificate.Dispose();
        }

        Ca.Dispose();
        ForeignCa.Dispose();
    }
}
