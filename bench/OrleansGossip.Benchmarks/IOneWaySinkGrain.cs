using Orleans.Concurrency;

namespace OrleansGossip.Benchmarks;

/// <summary>A grain that does nothing but count the one-way calls it receives: Orleans' own ceiling.</summary>
public interface IOneWaySinkGrain : IGrainWithIntegerKey
{
    [OneWay]
    Task ReceiveAsync(OneWayPayload payload);
}
