namespace OrleansGossip.Benchmarks;

/// <summary>Counts the calls it receives into one process-wide counter.</summary>
public sealed class OneWaySinkGrain : Grain, IOneWaySinkGrain
{
    private static long s_received;

    /// <summary>Calls received by every sink of this process so far.</summary>
    public static long Received => Volatile.Read(ref s_received);

    public Task ReceiveAsync(OneWayPayload payload)
    {
        Interlocked.Increment(ref s_received);
        return Task.CompletedTask;
    }
}
