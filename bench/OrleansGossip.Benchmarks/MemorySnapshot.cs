using System.Diagnostics;
using OrleansGossip.Grains.Protocol.Tables;

namespace OrleansGossip.Benchmarks;

/// <summary>
/// The managed heap after a full, blocking, compacting collection, the native memory of the nodes' run-long tables
/// (<see cref="RunLongMemory"/>), the process working set and the live timers.
/// </summary>
public readonly record struct MemorySnapshot(long Managed, long RunLong, long WorkingSet, long Timers)
{
    /// <summary>What the process holds for its objects: the managed heap and the run-long tables.</summary>
    public long Held => Managed + RunLong;

    public static MemorySnapshot Take()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        return new MemorySnapshot(managed, RunLongMemory.BytesHeld, process.WorkingSet64, Timer.ActiveCount);
    }
}
