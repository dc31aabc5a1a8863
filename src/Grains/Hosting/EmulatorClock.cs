namespace OrleansGossip.Grains.Hosting;

/// <summary>
/// The wall clock the emulator maps to emulated time, a <see cref="TimeProvider"/> registered under <see cref="Key"/>:
/// the scheduler, the nodes and the runs read it, the Orleans runtime does not.
/// </summary>
public static class EmulatorClock
{
    public const string Key = "OrleansGossip.Emulator";
}
