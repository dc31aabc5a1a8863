using System.Runtime;
using System.Runtime.InteropServices;

namespace OrleansGossip.Benchmarks;

/// <summary>The machine a benchmark ran on, as far as the process can tell.</summary>
public sealed record MachineInfo(
    int ProcessorCount,
    string CpuModel,
    long TotalMemoryBytes,
    string Os,
    string Runtime,
    bool ServerGc,
    bool ConcurrentGc)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        ReadCpuModel(),
        ReadTotalMemory(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        GCSettings.IsServerGC,
        GCSettings.LatencyMode != GCLatencyMode.Batch);

    private static string ReadCpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }

    private static long ReadTotalMemory()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            if (line is not null && long.TryParse(line["MemTotal:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), out var kib))
            {
                return kib * 1024;
            }
        }
        catch (IOException)
        {
        }

        return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
    }
}
