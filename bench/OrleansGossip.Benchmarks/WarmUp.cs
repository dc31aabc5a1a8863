using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OrleansGossip.Grains.Protocol;
using OrleansGossip.Grains.Telemetry;

namespace OrleansGossip.Benchmarks;

/// <summary>
/// What a benchmark does between its warm-up run and the measured one. The runtime compiles code first quickly and
/// then again optimized once it has run a while, so the first seconds of a silo's first run are several times slower
/// than what follows; a measured run that starts on warm code measures the emulator, not the compiler.
/// </summary>
public static class WarmUp
{
    /// <summary>
    /// Waits until the warm-up run's last messages have been delivered on the silo behind <paramref name="silo"/>, so
    /// that they do not load the measured run.
    /// </summary>
    public static async Task WaitForQuietAsync(IServiceProvider silo)
    {
        var telemetry = silo.GetRequiredService<TelemetryRecorder>();
        var waited = Stopwatch.StartNew();
        var last = telemetry.Total(GossipEvent.Delivered);
        while (waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(500);
            var now = telemetry.Total(GossipEvent.Delivered);
            if (now == last)
            {
                break;
            }

            last = now;
        }

        BenchmarkOutput.Progress($"warm-up quiet after {waited.Elapsed.TotalSeconds:F1} s");
    }
}
