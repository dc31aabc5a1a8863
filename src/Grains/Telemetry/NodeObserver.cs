using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Grains.Protocol;

namespace OrleansGossip.Grains.Telemetry;

/// <summary>Counts one node's events into its silo's recorder.</summary>
public sealed class NodeObserver(TelemetryRecorder recorder) : IGossipObserver
{
    public void Record(GossipEvent gossipEvent, ArtifactKind kind, long bytes) => recorder.Record(gossipEvent, kind, bytes);

    public void Count(string counter) => recorder.Count(counter);
}
