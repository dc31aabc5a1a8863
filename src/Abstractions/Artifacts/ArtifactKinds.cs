namespace OrleansGossip.Abstractions.Artifacts;

/// <summary>Facts about each <see cref="ArtifactKind"/>: its channel, its size limit and its wire name.</summary>
public static class ArtifactKinds
{
    /// <summary>An ingress message is at most 2 MiB (3.5 MiB on the NNS, which the emulator does not single out).</summary>
    public const int MaxIngressBytes = 2 * 1024 * 1024;

    /// <summary>A block proposal's payload is at most 4 MiB.</summary>
    public const int MaxBlockPayloadBytes = 4 * 1024 * 1024;

    /// <summary>Shares, beacons and dealings are small; this bounds them generously.</summary>
    public const int MaxSmallArtifactBytes = 1024 * 1024;

    public static IReadOnlyList<ArtifactKind> All { get; } = Enum.GetValues<ArtifactKind>();

    public static GossipChannel Channel(this ArtifactKind kind) => kind switch
    {
        ArtifactKind.Ingress => GossipChannel.Ingress,
        ArtifactKind.CertificationShare => GossipChannel.Certification,
        ArtifactKind.DkgDealing => GossipChannel.Dkg,
        ArtifactKind.IDkgDealing => GossipChannel.IDkg,
        ArtifactKind.CanisterHttpShare => GossipChannel.HttpsOutcalls,
        _ => GossipChannel.Consensus,
    };

    public static int MaxSize(this ArtifactKind kind) => kind switch
    {
        ArtifactKind.Ingress => MaxIngressBytes,
        ArtifactKind.BlockProposal => MaxBlockPayloadBytes,
        _ => MaxSmallArtifactBytes,
    };

    /// <summary>The kebab-case name used in scenario files and reports.</summary>
    public static string WireName(this ArtifactKind kind) => kind switch
    {
        ArtifactKind.Ingress => "ingress",
        ArtifactKind.BlockProposal => "block-proposal",
        ArtifactKind.RandomBeacon => "random-beacon",
        ArtifactKind.NotarizationShare => "notarization-share",
        ArtifactKind.FinalizationShare => "finalization-share",
        ArtifactKind.CatchUpShare => "catch-up-share",
        ArtifactKind.CertificationShare => "certification-share",
        ArtifactKind.DkgDealing => "dkg-dealing",
        ArtifactKind.IDkgDealing => "idkg-dealing",
        ArtifactKind.CanisterHttpShare => "canister-http-share",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool TryParse(string? name, out ArtifactKind kind)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.WireName(), name, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
