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
        new("--delivery-tick") { Description = "Overrides Emulator:DeliveryTick: the resolution of arrivals, emulated milliseconds." };

    /// <summary>Sets the overrides given for the silo started next.</summary>
    public static void Apply(double? deliveryTickMs)
    {
        if (deliveryTickMs is { } ms)
        {
            Environment.SetEnvironmentVariable("Emulator__DeliveryTick", TimeSpan.FromMilliseconds(ms).ToString("c"));
        }
    }
}
