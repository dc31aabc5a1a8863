using System.CommandLine;

namespace OrleansGossip.Benchmarks;

/// <summary>
/// <c>--delivery-tick</c>: overrides <c>Emulator:DeliveryTick</c> (emulated milliseconds) for the embedded silo a
/// benchmark starts, which binds its options from configuration, environment variables included.
/// </summary>
public static class DeliveryTickOverride
{
    public static Option<double?> CreateOption() =>
        new("--delivery-tick") { Description = "Overrides Emulator:DeliveryTick: the granularity of deliveries, emulated milliseconds." };

    /// <summary>Sets the override for the silo started next, when <paramref name="milliseconds"/> is given.</summary>
    public static void Apply(double? milliseconds)
    {
        if (milliseconds is { } ms)
        {
            Environment.SetEnvironmentVariable("Emulator__DeliveryTick", TimeSpan.FromMilliseconds(ms).ToString("c"));
        }
    }
}
