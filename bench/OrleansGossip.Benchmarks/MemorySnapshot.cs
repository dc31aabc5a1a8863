using System.Diagnostics;

namespace OrleansGossip.Benchmarks;

/// <summary>The managed heap after a full, blocking, compacting collection, the process working set and the live timers.</summary>
public readonly record struct MemorySnapshot(long Managed, long WorkingSet, long Timers)
{
    public static MemorySnapshot Take()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        return new MemorySnapshot(managed, process.WorkingSet64, Timer.ActiveCount);
    }
}
