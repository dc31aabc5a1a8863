using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansGossip.Grains.Hosting;
using OrleansGossip.Grains.Nodes;
using OrleansGossip.Silo.Hosting;

namespace OrleansGossip.Benchmarks;

/// <summary>
/// A cluster of silo processes on this machine placing nodes by subnet: the first silo runs in the benchmark's own
/// process (it holds the membership table and runs the scenario), the others are <c>OrleansGossip.Silo silo</c>
/// processes started beside it, plaintext on loopback. Each process has a garbage collector of its own, so one
/// silo's collections pause only its own nodes: what a cluster of machines gives, less the CPU they would add.
/// </summary>
public sealed class SiloProcessCluster : IAsyncDisposable
{
    private readonly IHost _primary;
    private readonly List<SiloProcess> _others;

    private SiloProcessCluster(IHost primary, List<SiloProcess> others)
    {
        _primary = primary;
        _others = others;
    }

    public IGrainFactory Grains => _primary.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The services of the silo in this process.</summary>
    public IServiceProvider Services => _primary.Services;

    /// <summary>CPU time the other silo processes have used so far (this process's own is the caller's to read).</summary>
    public TimeSpan OtherProcessesCpu => _others.Aggregate(TimeSpan.Zero, (sum, other) => sum + CpuOf(other.Process));

    /// <summary>
    /// Starts <paramref name="silos"/> silos, this process's first, and waits until every one has joined; nodes are
    /// placed by subnet unless <paramref name="placement"/> says otherwise.
    /// </summary>
    public static async Task<SiloProcessCluster> StartAsync(int silos, NodePlacement placement = NodePlacement.Subnet)
    {
        var primaryPort = LoopbackPort.Free();
        var primary = ClusterSilo.Build(new ClusterSiloSettings
        {
            Name = "silo-1",
            SiloPort = primaryPort,
            GatewayPort = LoopbackPort.Free(),
            PrimarySiloPort = primaryPort,
            Tls = false,
            LogLevel = LogLevel.Warning,
            ConfigureSilo = silo => silo.Configure<EmulatorOptions>(o => o.NodePlacement = placement),
        });
        await primary.StartAsync();

        var others = new List<SiloProcess>();
        var cluster = new SiloProcessCluster(primary, others);
        try
        {
            for (var i = 2; i <= silos; i++)
            {
                others.Add(StartSiloProcess($"silo-{i}", primaryPort, placement));
            }

            await cluster.WaitForSilosAsync(silos, TimeSpan.FromMinutes(2));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Node grains activated on each silo, in silo address order.</summary>
    public async Task<IReadOnlyList<(string Silo, int Nodes)>> NodesPerSiloAsync()
    {
        var statistics = await Grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        var nodeType = typeof(NodeGrain).FullName!;
        return statistics
            .Where(s => s.GrainType.Contains(nodeType, StringComparison.Ordinal))
            .GroupBy(s => s.SiloAddress.ToString())
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Sum(s => s.ActivationCount)))
            .ToList();
    }

    /// <summary>Stops this process's silo first, while the others still answer for their part of the directory, then kills the others.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _primary.StopAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
        }

        _primary.Dispose();
        foreach (var (process, _, output) in _others)
        {
            try
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            catch (InvalidOperationException)
            {
                // It had exited already.
            }

            process.Dispose();
            await output.DisposeAsync();
        }
    }

    private async Task WaitForSilosAsync(int silos, TimeSpan timeout)
    {
        var management = Grains.GetGrain<IManagementGrain>(0);
        var deadline = Stopwatch.StartNew();
        while ((await management.GetHosts(onlyActive: true)).Count < silos)
        {
            if (_others.FirstOrDefault(o => o.Process.HasExited) is { } gone)
            {
                throw new InvalidOperationException($"a silo process exited with code {gone.Process.ExitCode}; its output is in {gone.Log}");
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"fewer than {silos} silos joined within {timeout.TotalSeconds:F0} s; their output is in {string.Join(", ", _others.Select(o => o.Log))}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    /// <summary>
    /// Starts the silo built beside the benchmark, its output to a log file: plaintext on free loopback ports, placing
    /// nodes as <paramref name="placement"/> says, and with the environment of this process (a delivery tick override included).
    /// </summary>
    private static SiloProcess StartSiloProcess(string name, int primaryPort, NodePlacement placement)
    {
        var log = Path.Combine(Path.GetTempPath(), $"orleansgossip-bench-{Environment.ProcessId}-{name}.log");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     Path.Combine(AppContext.BaseDirectory, "OrleansGossip.Silo.dll"), "silo", "--name", name,
                     "--port", LoopbackPort.Free().ToString(CultureInfo.InvariantCulture),
                     "--gateway-port", LoopbackPort.Free().ToString(CultureInfo.InvariantCulture),
                     "--primary-port", primaryPort.ToString(CultureInfo.InvariantCulture), "--insecure",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Emulator__NodePlacement"] = placement.ToString().ToLowerInvariant();
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {name}");
        var writer = new StreamWriter(log) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(writer, e.Data);
        process.ErrorDataReceived += (_, e) => Write(writer, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new SiloProcess(process, log, writer);
    }

    private static void Write(StreamWriter writer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (writer)
        {
            writer.WriteLine(line);
        }
    }

    private static TimeSpan CpuOf(Process process)
    {
        try
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
        catch (InvalidOperationException)
        {
            return TimeSpan.Zero;
        }
    }

    private sealed record SiloProcess(Process Process, string Log, StreamWriter Output);
}
