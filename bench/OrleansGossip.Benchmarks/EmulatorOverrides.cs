using System.CommandLine;

namespace OrleansGossip.Benchmarks;

/// <summary>
/// Options that override the emulator's settings for the embedded silo a benchmark starts, which binds its options
/// from configuration, environment variables included.
/// </summary>
public static class EmulatorOverrides
{
    /// <summary><c>--delivery-tick</c>: overrides <c>Emulator:DeliveryTick</c> (emulated milliseconds).</summary>
    public static Option<double?> DeliveryTickOption() =>
        new("--delivery-tick") { Description = "Overrides Emulator:DeliveryTick: the granularity of deliveries, emulated milliseconds." };

    /// <summary><c>--exclude-collector-pauses</c>: sets <c>Emulator:ExcludeCollectorPauses</c>.</summary>
    public static Option<bool> ExcludeCollectorPausesOption() =>
        new("--exclude-collector-pauses") { Description = "Sets Emulator:ExcludeCollectorPauses: the emulator's clock leaves out the garbage collector's pauses (one silo only)." };

    /// <summary>Sets the overrides given for the silo started next.</summary>
    public static void Apply(double? deliveryTickMs, bool excludeCollectorPauses = false)
    {
        if (deliveryTickMs is { } ms)
        {
            Environment.SetEnvironmentVariable("Emulator__DeliveryTick", TimeSpan.FromMilliseconds(ms).ToString("c"));
        }

        if (excludeCollectorPauses)
        {
            Environment.SetEnvironmentVariable("Emulator__ExcludeCollectorPauses", "true");
        }
    }
}
