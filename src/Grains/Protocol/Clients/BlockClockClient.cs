using OrleansGossip.Abstractions.Artifacts;

namespace OrleansGossip.Grains.Protocol.Clients;

/// <summary>
/// For block proposals made on a fixed clock, with no consensus behind them: a proposal at height h is built on a
/// finalized parent, so the node takes h - 1 as finalized; its pool then purges, and its priority function drops,
/// consensus artifacts below that height.
/// </summary>
public sealed class BlockClockClient(ArtifactPool pool) : IArtifactClient
{
    public double? NextDeadlineMs => null;

    public void OnArtifact(Artifact artifact)
    {
        if (artifact.Advert.Kind == ArtifactKind.BlockProposal && artifact.Advert.Attribute - 1 > pool.FinalizedHeight)
        {
            pool.FinalizedHeight = artifact.Advert.Attribute - 1;
        }
    }

    public void Tick()
    {
    }

    public bool IsStale(Advert advert) => false;
}
