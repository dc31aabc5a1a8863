using System.Diagnostics;
using System.Globalization;

namespace OrleansGossip.Benchmarks;

/// <summary>
/// The raw rate of Orleans one-way grain calls on a silo: many concurrent senders, outside any grain (as a silo's
/// engine is when it hands messages to other silos), call a set of trivial sink grains with a small immutable payload. The
/// senders keep at most <c>maxInFlight</c> calls sent but not yet received, so queues stay bounded and the rate
/// measured is the rate the silo sustains, not the rate at which it can be buried.
/// </summary>
public sealed class OneWayCallBenchmark(IGrainFactory grains, int sinks, int senders, int maxInFlight)
{
    private const int Burst = 64;
    private long _sent;

    public async Task<OneWayCallResult> RunAsync(TimeSpan warmup, TimeSpan duration, TextWriter progress)
    {
        var targets = Enumerable.Range(0, sinks).Select(i => grains.GetGrain<IOneWaySinkGrain>(i)).ToArray();
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, senders)
            .Select(s => Task.Run(() => SendAsync(s, targets, stop.Token)))
            .ToArray();

        await Task.Delay(warmup);
        var startCount = OneWaySinkGrain.Received;
        var clock = Stopwatch.StartNew();
        var lastCount = startCount;
        var lastSeconds = 0.0;
        while (clock.Elapsed < duration)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var count = OneWaySinkGrain.Received;
            var seconds = clock.Elapsed.TotalSeconds;
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  one-way calls: {(count - lastCount) / (seconds - lastSeconds):N0}/s over the last second, {count - startCount:N0} in {seconds:F1} s"));
            (lastCount, lastSeconds) = (count, seconds);
        }

        var received = OneWaySinkGrain.Received - startCount;
        var elapsed = clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        // Let the calls still queued arrive, so that they do not run into what is measured next.
        var drained = Stopwatch.StartNew();
        while (OneWaySinkGrain.Received < Volatile.Read(ref _sent) && drained.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10);
        }

        return new OneWayCallResult(received / elapsed, received, elapsed, senders, sinks, maxInFlight);
    }

    private async Task SendAsync(int sender, IOneWaySinkGrain[] targets, CancellationToken stop)
    {
        var from = $"sender-{sender}";
        var next = sender % targets.Length;
        long sequence = 0;
        while (!stop.IsCancellationRequested)
        {
            if (Volatile.Read(ref _sent) - OneWaySinkGrain.Received >= maxInFlight)
            {
                await Task.Delay(1, CancellationToken.None);
                continue;
            }

            Interlocked.Add(ref _sent, Burst);
            for (var i = 0; i < Burst; i++)
            {
                _ = targets[next].ReceiveAsync(new OneWayPayload(from, sequence++));
                next = next + 1 == targets.Length ? 0 : next + 1;
            }

            await Task.Yield();
        }
    }
}
