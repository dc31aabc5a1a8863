using Orleans.Concurrency;

namespace OrleansGossip.Abstractions.Live;

/// <summary>Receives the live telemetry of the runs it watches: one batch per silo and run every 100 to 250 ms.</summary>
public interface ILiveFeedObserver : IGrainObserver
{
    [OneWay]
    Task OnBatchAsync(LiveBatch batch);
}
