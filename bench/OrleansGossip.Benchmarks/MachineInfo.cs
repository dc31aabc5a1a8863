using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;

namespace OrleansGossip.Benchmarks;

/// <summary>
/// The machine a benchmark ran on, as far as the process can tell, and how its runtime collects: server or
/// workstation, concurrent or not, and which collector (<see cref="Collector"/>: "regions", the runtime's default, or
/// "segments", the library the runtime ships beside it, which <c>DOTNET_GCName=libclrgc.so</c> loads), and how long
/// an idle thread-pool worker spins for work before it blocks (<see cref="ThreadPoolSpinLimit"/>). A virtual machine
/// may name its processor no more closely than "AMD EPYC", whatever generation it runs on: <see cref="CpuFamily"/>
/// tells them apart.
/// </summary>
public sealed record MachineInfo(
    int ProcessorCount,
    string CpuModel,
    string? CpuFamily,
    long TotalMemoryBytes,
    string Os,
    string Runtime,
    bool ServerGc,
    bool ConcurrentGc,
    string Collector,
    int? ThreadPoolSpinLimit)
{
    private const string SpinLimitSetting = "System.Threading.ThreadPool.UnfairSemaphoreSpinLimit";

    private const string SpinLimitVariable = "DOTNET_ThreadPool_UnfairSemaphoreSpinLimit";

    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        ReadCpuModel(),
        ReadCpuFamily(),
        ReadTotalMemory(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        GCSettings.IsServerGC,
        GCSettings.LatencyMode != GCLatencyMode.Batch,
        ReadCollector(),
        SpinLimitOf(Environment.GetEnvironmentVariable(SpinLimitVariable), AppContext.GetData(SpinLimitSetting)));

    /// <summary>
    /// The thread pool's spin limit as the process was configured: the environment variable, which the runtime takes
    /// first, else the runtime configuration's option (the silo host's sets 0); null when neither sets it, and the
    /// runtime spins as long as it does by default.
    /// </summary>
    public static int? SpinLimitOf(string? environment, object? configured) =>
        int.TryParse(environment, NumberStyles.Integer, CultureInfo.InvariantCulture, out var fromEnvironment) ? fromEnvironment
        : configured switch
        {
            int value => value,
            string text when int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) => value,
            _ => null,
        };

    /// <summary>The collector the runtime loaded: a library of its own when it is not the built-in one.</summary>
    private static string ReadCollector()
    {
        try
        {
            return CollectorOf(File.ReadLines("/proc/self/maps").Select(l => l[(l.LastIndexOf('/') + 1)..]).ToList());
        }
        catch (IOException)
        {
            return CollectorOf(AppContext.GetData("System.GC.Name") is string name ? [name] : []);
        }
    }

    /// <summary>Names the collector from the libraries the process loaded (or, off Linux, the one it was told to).</summary>
    public static string CollectorOf(IReadOnlyList<string> libraries) =>
        libraries.Any(l => l.StartsWith("libclrgc.", StringComparison.Ordinal) || l.Equals("clrgc.dll", StringComparison.OrdinalIgnoreCase)) ? "segments" : "regions";

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

    /// <summary>The processor's family and model numbers ("family 26, model 2"), from its first entry; null where not told.</summary>
    public static string? CpuFamilyOf(IEnumerable<string> cpuInfo)
    {
        string? family = null;
        string? model = null;
        foreach (var line in cpuInfo)
        {
            if (line.Length == 0)
            {
                break; // The end of the first processor's entry.
            }

            var colon = line.IndexOf(':');
            if (colon < 0)
            {
                continue;
            }

            switch (line[..colon].Trim())
            {
                case "cpu family":
                    family = line[(colon + 1)..].Trim();
                    break;
                case "model":
                    model = line[(colon + 1)..].Trim();
                    break;
            }
        }

        return family is null ? null : model is null ? $"family {family}" : $"family {family}, model {model}";
    }

    private static string? ReadCpuFamily()
    {
        try
        {
            return CpuFamilyOf(File.ReadLines("/proc/cpuinfo"));
        }
        catch (IOException)
        {
            return null;
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
