using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Grains.Protocol;

namespace OrleansGossip.Grains.Telemetry;

/// <summary>Counts one node's events into its silo's recorder and its run's live progress.</summary>
public sealed class NodeObserver(TelemetryRecorder recorder, string runId) : IGossipObserver
{
    private RunCounters _run = recorder.ForRun(runId);

    public void Record(GossipEvent gossipEvent, ArtifactKind kind, long bytes)
    {
        recorder.Record(gossipEvent, kind, bytes);
        if (gossipEvent == GossipEvent.Delivered)
        {
            if (_run.Forgotten)
            {
                _run = recorder.ForRun(runId);
            }

            _run.AddDelivery();
        }
    }

    public void Count(string counter) => recorder.Count(counter);
}
