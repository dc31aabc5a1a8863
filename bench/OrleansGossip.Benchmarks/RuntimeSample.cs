namespace OrleansGossip.Benchmarks;

/// <summary>
/// What the runtime did over a measured interval: CPU, collections and their pauses, thread pool, locks, and the
/// methods its compiler compiled (first or again, optimized) and the time that took.
/// </summary>
public sealed record RuntimeSample(
    double WallSeconds,
    double CpuCores,
    double OtherProcessesCpuCores,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections,
    double GcPauseTotalMs,
    double GcPauseMaxMs,
    double GcPauseShare,
    double AllocatedMiBPerSecond,
    int ThreadPoolThreadsMax,
    double ThreadPoolWorkItemsPerSecond,
    double LockContentionsPerSecond,
    double HeapMiB,
    string LongGcPauses,
    long MethodsCompiled,
    double CompilingMs);
