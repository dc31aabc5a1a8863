namespace OrleansGossip.Grains.Telemetry;

/// <summary>What a silo's nodes counted for one run since the silo last reported it.</summary>
public sealed class RunCounters(string runId)
{
    private long _deliveries;

    public string RunId { get; } = runId;

    /// <summary>How many reports in a row found nothing new; a run quiet for long is forgotten.</summary>
    public int QuietReports { get; set; }

    /// <summary>Set once the recorder has dropped these counters; a node that still counts fetches new ones.</summary>
    public bool Forgotten { get; set; }

    public void AddDelivery() => Interlocked.Increment(ref _deliveries);

    public long TakeDeliveries() => Interlocked.Exchange(ref _deliveries, 0);
}
