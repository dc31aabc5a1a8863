namespace OrleansGossip.Abstractions.Artifacts;

/// <summary>What an artifact is, in the Internet Computer's own words.</summary>
[GenerateSerializer]
public enum ArtifactKind : byte
{
    Ingress,
    BlockProposal,
    RandomBeacon,
    NotarizationShare,
    FinalizationShare,
    CatchUpShare,
    CertificationShare,
    DkgDealing,
    IDkgDealing,
    CanisterHttpShare,
}
