namespace OrleansGossip.Abstractions.Scenarios;

/// <summary>
/// Consensus rounds as an IC subnet runs them: a block maker per height proposes a block carrying the ingress in
/// its pool; every node sends notarization shares for it after the notary delay, finalization shares once
/// notarized, random-beacon shares for the next height and certification shares once finalized. A height is
/// finalized at a node when it holds finalization shares from two thirds of the subnet.
/// </summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Immutable]
public sealed record ConsensusSpec
{
    /// <summary>How long a node waits, from the start of a height, before notarizing a proposal.</summary>
    public double NotaryDelayMs { get; init; } = 300;

    /// <summary>The least time between two heights at one block maker, so that about one block a second is made.</summary>
    public double TargetBlockIntervalMs { get; init; } = 1_000;

    /// <summary>The most ingress bytes a block carries.</summary>
    public int MaxBlockPayloadBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Size of a block proposal without its payload.</summary>
    public int BlockHeaderBytes { get; init; } = 1_024;

    /// <summary>Size of every share and beacon.</summary>
    public int ShareBytes { get; init; } = 256;

    /// <summary>Whether nodes also send certification shares per finalized height.</summary>
    public bool Certification { get; init; } = true;
}
