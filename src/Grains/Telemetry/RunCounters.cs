namespace OrleansGossip.Grains.Telemetry;

/// <summary>What a silo's nodes counted for one run since the silo last reported it.</summary>
public sealed class RunCounters(string runId)
{
    private long _deliveries;

    public string RunId { get; } = runId;

    public void AddDelivery() => Interlocked.Increment(ref _deliveries);

    public long TakeDeliveries() => Interlocked.Exchange(ref _deliveries, 0);
}
