using OrleansGossip.Abstractions.Artifacts;

namespace OrleansGossip.Grains.Protocol;

/// <summary>Receives a node's propagation events, to count them in place (metrics, live progress).</summary>
public interface IGossipObserver
{
    void Record(GossipEvent gossipEvent, ArtifactKind kind, long bytes);

    /// <summary>A protocol's own named counter (Abortable Broadcast's slot-table figures).</summary>
    void Count(string counter)
    {
    }

    public static IGossipObserver None { get; } = new NoObserver();

    private sealed class NoObserver : IGossipObserver
    {
        public void Record(GossipEvent gossipEvent, ArtifactKind kind, long bytes)
        {
        }
    }
}
