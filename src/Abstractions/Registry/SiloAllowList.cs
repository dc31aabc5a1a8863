namespace OrleansGossip.Abstractions.Registry;

/// <summary>
/// The silos admitted to the cluster, by the SHA-256 fingerprints of their TLS certificates, at a registry version.
/// Until the first silo is allowed the list is not <see cref="InForce"/> and every silo the TLS trust admits may
/// connect; from then on only the listed ones may, and revoking one shuts it out.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SiloAllowList(long Version, bool InForce, IReadOnlyList<string> Fingerprints)
{
    public static SiloAllowList NotInForce { get; } = new(0, false, []);

    public bool Admits(string fingerprint) => !InForce || Fingerprints.Contains(fingerprint, StringComparer.Ordinal);
}
