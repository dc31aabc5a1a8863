using OrleansGossip.Abstractions.Artifacts;

namespace OrleansGossip.Grains.Protocol.AbortableBroadcast;

/// <summary>What a peer's slot holds, as of which connection and commit.</summary>
public readonly record struct ReceivedSlot(long ConnectionId, long CommitId, ArtifactId Artifact)
{
    /// <summary>True when an update on (<paramref name="connectionId"/>, <paramref name="commitId"/>) is newer than this.</summary>
    public bool IsOlderThan(long connectionId, long commitId) =>
        connectionId > ConnectionId || (connectionId == ConnectionId && commitId > CommitId);
}
