using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Runtime;

namespace OrleansGossip.Benchmarks;

/// <summary>
/// Watches the runtime while a benchmark runs: the process's CPU, every garbage collection's pause (from the
/// runtime's own GC events), thread pool size and work items, monitor lock contention, and what the runtime compiled.
/// </summary>
public sealed class RuntimeSampler(bool sampleAllocations = false) : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    /// <summary>Pauses at least this long are listed one by one, with the collection that caused them.</summary>
    private const double LongPauseMs = 20;

    private readonly object _gate = new();
    private readonly Stopwatch _clock = new();
    private readonly List<string> _longPauses = [];
    private readonly Dictionary<string, long> _allocatedByType = new(StringComparer.Ordinal);
    private DateTime _suspendedAt;
    private double _suspendMs;
    private double _promotedMiB;
    private string _collection = "";
    private double _pauseMaxMs;
    private bool _measuring;
    private TimeSpan _cpuStart;
    private long _machineBusyStart;
    private int[] _collectionsStart = [];
    private TimeSpan _pauseStart;
    private long _allocatedStart;
    private long _workItemsStart;
    private long _contentionsStart;
    private long _compiledStart;
    private TimeSpan _compilingStart;
    private int _threadsMax;
    private Timer? _poll;

    public void Start()
    {
        lock (_gate)
        {
            _pauseMaxMs = 0;
            _longPauses.Clear();
            _allocatedByType.Clear();
            _measuring = true;
        }

        using var process = Process.GetCurrentProcess();
        _cpuStart = process.TotalProcessorTime;
        _machineBusyStart = MachineBusyTicks();
        _collectionsStart = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        _pauseStart = GC.GetTotalPauseDuration();
        _allocatedStart = GC.GetTotalAllocatedBytes();
        _workItemsStart = ThreadPool.CompletedWorkItemCount;
        _contentionsStart = Monitor.LockContentionCount;
        _compiledStart = JitInfo.GetCompiledMethodCount();
        _compilingStart = JitInfo.GetCompilationTime();
        _threadsMax = ThreadPool.ThreadCount;
        _poll = new Timer(_ => _threadsMax = Math.Max(_threadsMax, ThreadPool.ThreadCount), null, 100, 100);
        _clock.Restart();
    }

    public RuntimeSample Stop()
    {
        var seconds = _clock.Elapsed.TotalSeconds;
        _poll?.Dispose();
        using var process = Process.GetCurrentProcess();
        var cpu = (process.TotalProcessorTime - _cpuStart).TotalSeconds;
        var machineBusy = _machineBusyStart < 0 ? -1 : (MachineBusyTicks() - _machineBusyStart) / 100.0;
        var pause = (GC.GetTotalPauseDuration() - _pauseStart).TotalMilliseconds;
        double pauseMax;
        string longPauses;
        lock (_gate)
        {
            _measuring = false;
            pauseMax = _pauseMaxMs;
            longPauses = string.Join(", ", _longPauses);
        }

        var heap = GC.GetGCMemoryInfo();

        return new RuntimeSample(
            BenchmarkOutput.Round(seconds, 2),
            BenchmarkOutput.Round(cpu / seconds, 2),
            machineBusy < 0 ? -1 : BenchmarkOutput.Round(Math.Max(0, machineBusy - cpu) / seconds, 2),
            GC.CollectionCount(0) - _collectionsStart[0],
            GC.CollectionCount(1) - _collectionsStart[1],
            GC.CollectionCount(2) - _collectionsStart[2],
            BenchmarkOutput.Round(pause),
            BenchmarkOutput.Round(pauseMax),
            BenchmarkOutput.Round(pause / 1000 / seconds, 4),
            BenchmarkOutput.Round((GC.GetTotalAllocatedBytes() - _allocatedStart) / 1048576.0 / seconds),
            _threadsMax,
            BenchmarkOutput.Round((ThreadPool.CompletedWorkItemCount - _workItemsStart) / seconds),
            BenchmarkOutput.Round((Monitor.LockContentionCount - _contentionsStart) / seconds),
            BenchmarkOutput.Round(heap.HeapSizeBytes / 1048576.0),
            longPauses,
            JitInfo.GetCompiledMethodCount() - _compiledStart,
            BenchmarkOutput.Round((JitInfo.GetCompilationTime() - _compilingStart).TotalMilliseconds, 2));
    }

    /// <summary>
    /// CPU time the whole machine spent busy (user, nice, system, interrupts, steal), in clock ticks of 1/100 s, from
    /// the first line of /proc/stat; -1 where there is none.
    /// </summary>
    private static long MachineBusyTicks()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long busy = 0;
            foreach (var i in new[] { 1, 2, 3, 6, 7, 8 })
            {
                busy += long.Parse(fields[i], System.Globalization.CultureInfo.InvariantCulture);
            }

            return busy;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or InvalidOperationException)
        {
            return -1;
        }
    }

    private static string GcType(object? type) => Convert.ToInt32(type, System.Globalization.CultureInfo.InvariantCulture) switch
    {
        0 => "blocking",
        1 => "background",
        2 => "foreground",
        _ => "?",
    };

    /// <summary>Which heap an allocation tick's object went to, when not the small object heap.</summary>
    private static string HeapSuffix(object? kind) => Convert.ToInt32(kind, System.Globalization.CultureInfo.InvariantCulture) switch
    {
        1 => " (large object heap)",
        2 => " (pinned object heap)",
        _ => "",
    };

    /// <summary>Why the runtime started a collection, as its GCStart event gives it.</summary>
    private static string GcReason(object? reason) => Convert.ToInt32(reason, System.Globalization.CultureInfo.InvariantCulture) switch
    {
        0 => "small allocations",
        1 => "induced",
        2 => "low memory",
        4 => "large or pinned allocations",
        5 => "out of small object space",
        6 => "out of large object space",
        var other => $"reason {other}",
    };

    /// <summary>Writes the types allocated most while measuring, by sampled bytes, with their share of the samples.</summary>
    public void WriteTopAllocations(TextWriter output, int count = 25)
    {
        List<KeyValuePair<string, long>> top;
        long total;
        lock (_gate)
        {
            total = Math.Max(1, _allocatedByType.Values.Sum());
            top = _allocatedByType.OrderByDescending(p => p.Value).Take(count).ToList();
        }

        BenchmarkOutput.Progress($"allocations during the run (sampled every ~100 KB):");
        foreach (var (type, bytes) in top)
        {
            output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"  {100.0 * bytes / total,5:F1}%  {type}"));
        }
    }

    public override void Dispose()
    {
        _poll?.Dispose();
        base.Dispose();
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            // Verbose adds an allocation tick about every 100 KB allocated, naming the type that crossed it.
            EnableEvents(eventSource, sampleAllocations ? EventLevel.Verbose : EventLevel.Informational, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        switch (eventData.EventName)
        {
            case "GCAllocationTick_V4" or "GCAllocationTick_V3" when eventData.Payload is { } payload:
                var index = eventData.PayloadNames?.IndexOf("TypeName") ?? -1;
                var amount = eventData.PayloadNames?.IndexOf("AllocationAmount64") ?? -1;
                var kind = eventData.PayloadNames?.IndexOf("AllocationKind") ?? -1;
                if (index >= 0 && amount >= 0 && payload[index] is string allocated)
                {
                    var type = allocated + HeapSuffix(kind >= 0 ? payload[kind] : null);
                    lock (_gate)
                    {
                        if (_measuring)
                        {
                            _allocatedByType[type] = _allocatedByType.GetValueOrDefault(type) + Convert.ToInt64(payload[amount], System.Globalization.CultureInfo.InvariantCulture);
                        }
                    }
                }

                break;
            case "GCStart_V2":
                _collection = $"gen{eventData.Payload?[1]} {GcType(eventData.Payload?[3])}, {GcReason(eventData.Payload?[2])}";
                break;
            case "GCHeapStats_V2" when eventData.Payload is { } stats:
                _promotedMiB = (Payload(eventData, stats, "TotalPromotedSize0") + Payload(eventData, stats, "TotalPromotedSize1")) / (1024.0 * 1024);
                break;
            case "GCSuspendEEBegin_V1":
                _suspendedAt = eventData.TimeStamp;
                break;
            case "GCSuspendEEEnd_V1" when _suspendedAt != default:
                _suspendMs = (eventData.TimeStamp - _suspendedAt).TotalMilliseconds;
                break;
            case "GCRestartEEEnd_V1" when _suspendedAt != default:
                var pauseMs = (eventData.TimeStamp - _suspendedAt).TotalMilliseconds;
                _suspendedAt = default;
                lock (_gate)
                {
                    if (_measuring && pauseMs > _pauseMaxMs)
                    {
                        _pauseMaxMs = pauseMs;
                    }

                    if (_measuring && pauseMs >= LongPauseMs && _longPauses.Count < 20)
                    {
                        _longPauses.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{pauseMs:F0} ms ({_collection}, suspend {_suspendMs:F0} ms, promoted {_promotedMiB:F0} MiB)"));
                    }
                }

                break;
        }
    }

    private static double Payload(EventWrittenEventArgs eventData, System.Collections.ObjectModel.ReadOnlyCollection<object?> payload, string name)
    {
        var index = eventData.PayloadNames?.IndexOf(name) ?? -1;
        return index >= 0 ? Convert.ToDouble(payload[index], System.Globalization.CultureInfo.InvariantCulture) : 0;
    }
}
