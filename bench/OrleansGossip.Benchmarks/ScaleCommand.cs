using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansGossip.Abstractions.Reports;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Grains.Hosting;
using OrleansGossip.Silo.Commands;
using OrleansGossip.Silo.Hosting;
using OrleansGossip.Silo.Reports;

namespace OrleansGossip.Benchmarks;

/// <summary>
/// <c>scale</c>: runs a library scenario's first subnet, copied into many subnets, at a time scale, and reports
/// whether the machine kept the run's pace (its slowdown: wall seconds per emulated second), its deliveries per wall
/// second and what each node cost in memory.
/// </summary>
public static class ScaleCommand
{
    public static Command Create()
    {
        var scenarioFile = new Option<FileInfo>("--scenario") { Description = "The scenario whose first subnet and workload are copied.", DefaultValueFactory = _ => new FileInfo(Path.Combine("scenarios", "ic-app-subnet.json")) };
        var subnets = new Option<int>("--subnets") { Description = "Copies of the subnet.", DefaultValueFactory = _ => 100 };
        var timeScale = new Option<double>("--time-scale") { Description = "The pace: wall seconds per emulated second at least (0: unpaced).", DefaultValueFactory = _ => 10 };
        var duration = new Option<double>("--duration") { Description = "Emulated seconds of workload.", DefaultValueFactory = _ => 10 };
        var tick = EmulatorOverrides.DeliveryTickOption();
        var allocations = new Option<bool>("--allocations") { Description = "Samples allocations by type during the run and lists the top ones." };
        var processes = new Option<int>("--silo-processes") { Description = "Silo processes on this machine, placing nodes by subnet (1: one embedded silo).", DefaultValueFactory = _ => 1 };
        var reportTo = new Option<DirectoryInfo?>("--report") { Description = "Writes the measured run's report.json, artifacts.csv and report.html to this directory." };

        var command = new Command("scale", "Many copies of a scenario's subnet at a time scale: slowdown, deliveries per wall second, memory per node.")
        {
            scenarioFile, subnets, timeScale, duration, tick, allocations, processes, reportTo,
        };
        command.SetAction((parse, _) => ExecuteAsync(
            parse.GetRequiredValue(scenarioFile), parse.GetValue(subnets), parse.GetValue(timeScale), parse.GetValue(duration), parse.GetValue(tick), parse.GetValue(allocations), parse.GetValue(processes), parse.GetValue(reportTo)));
        return command;
    }

    private static async Task<int> ExecuteAsync(FileInfo file, int copies, double timeScale, double durationSeconds, double? tickMs, bool sampleAllocations, int siloProcesses, DirectoryInfo? reportTo)
    {
        if (copies < 1 || timeScale < 0 || durationSeconds <= 0 || siloProcesses < 1)
        {
            await Console.Error.WriteLineAsync("error: --subnets, --duration and --silo-processes must be positive, and --time-scale 0 or more");
            return 2;
        }

        ScenarioSpec library;
        try
        {
            library = ScenarioLoader.LoadFile(file.FullName);
        }
        catch (ScenarioException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }

        var template = library.Subnets[0];
        var width = (copies - 1).ToString(CultureInfo.InvariantCulture).Length;
        var scenario = library with
        {
            Name = $"bench-scale-{library.Name}",
            TimeScale = timeScale,
            DurationSeconds = durationSeconds,
            DrainSeconds = Math.Min(library.DrainSeconds, 5),
            Subnets = Enumerable.Range(0, copies)
                .Select(i => template with { Id = $"{template.Id}-{i.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0')}" })
                .ToList(),
            Faults = [],
        };
        var nodes = copies * template.Nodes;

        var total = Stopwatch.StartNew();
        var where = siloProcesses == 1 ? "one embedded silo" : $"{siloProcesses} silo processes placing nodes by subnet";
        BenchmarkOutput.Progress($"scale: {copies:N0} copies of {library.Name}'s subnet ({nodes:N0} nodes), timeScale {timeScale}, {durationSeconds} emulated s, on {where}");
        EmulatorOverrides.Apply(tickMs);
        var result = siloProcesses == 1
            ? await RunOnEmbeddedSiloAsync(scenario, sampleAllocations, reportTo)
            : await RunOnSiloProcessesAsync(scenario, siloProcesses, sampleAllocations, reportTo);
        result = result with
        {
            Scenario = library.Name,
            Subnets = copies,
            Nodes = nodes,
            TimeScale = timeScale,
            DurationSeconds = durationSeconds,
            SiloProcesses = siloProcesses,
            Machine = MachineInfo.Current(),
        };
        BenchmarkOutput.Result(result with { TotalWallSeconds = BenchmarkOutput.Round(total.Elapsed.TotalSeconds) });
        return 0;
    }

    private static async Task<ScaleResult> RunOnEmbeddedSiloAsync(ScenarioSpec scenario, bool sampleAllocations, DirectoryInfo? reportTo)
    {
        var silo = await EmbeddedSilo.StartAsync();
        try
        {
            var before = MemorySnapshot.Take();
            using var sampler = new RuntimeSampler(sampleAllocations);
            sampler.Start();
            var report = await RunAsync(silo.Grains, scenario, reportTo);
            var runtime = sampler.Stop();
            var after = MemorySnapshot.Take();
            if (sampleAllocations)
            {
                sampler.WriteTopAllocations(Console.Out);
            }

            var nodes = scenario.Subnets.Sum(s => s.Nodes);
            return Figures(report) with
            {
                DeliveryTickMs = DeliveryTickMs(silo.Services),
                ManagedBytesPerNode = BenchmarkOutput.Round((double)(after.Managed - before.Managed) / nodes),
                RunLongBytesPerNode = BenchmarkOutput.Round((double)(after.RunLong - before.RunLong) / nodes),
                WorkingSetBytesPerNode = BenchmarkOutput.Round((double)(after.WorkingSet - before.WorkingSet) / nodes),
                Runtime = runtime,
            };
        }
        finally
        {
            BenchmarkOutput.Progress($"stopping the silo");
            await silo.DisposeAsync();
        }
    }

    /// <summary>
    /// The run on a cluster of silo processes: the figures are the run's (its slowdown the whole cluster's), the CPU
    /// all the processes', and the runtime figures this process's silo's alone.
    /// </summary>
    private static async Task<ScaleResult> RunOnSiloProcessesAsync(ScenarioSpec scenario, int silos, bool sampleAllocations, DirectoryInfo? reportTo)
    {
        var cluster = await SiloProcessCluster.StartAsync(silos);
        try
        {
            BenchmarkOutput.Progress($"{silos} silos up");
            using var sampler = new RuntimeSampler(sampleAllocations);
            var wall = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime + cluster.OtherProcessesCpu;
            sampler.Start();
            var report = await RunAsync(cluster.Grains, scenario, reportTo);
            var runtime = sampler.Stop();
            var cores = (Process.GetCurrentProcess().TotalProcessorTime + cluster.OtherProcessesCpu - cpu).TotalSeconds / wall.Elapsed.TotalSeconds;
            if (sampleAllocations)
            {
                sampler.WriteTopAllocations(Console.Out);
            }

            var perSilo = await cluster.NodesPerSiloAsync();
            BenchmarkOutput.Progress($"nodes per silo: {string.Join(", ", perSilo.Select(p => $"{p.Silo} {p.Nodes:N0}"))}; all silos used {cores:F2} cores");
            return Figures(report) with
            {
                DeliveryTickMs = DeliveryTickMs(cluster.Services),
                CpuCoresAllSilos = BenchmarkOutput.Round(cores, 2),
                NodesPerSilo = perSilo.Select(p => p.Nodes).ToList(),
                Runtime = runtime,
            };
        }
        finally
        {
            BenchmarkOutput.Progress($"stopping the silos");
            await cluster.DisposeAsync();
        }
    }

    private static async Task<RunReport> RunAsync(IGrainFactory grains, ScenarioSpec scenario, DirectoryInfo? reportTo)
    {
        var run = grains.GetGrain<IRunGrain>($"{scenario.Name}-{DateTime.UtcNow:yyyyMMddHHmmssfff}");
        var report = await RunCommand.RunToCompletionAsync(run, scenario, new ProgressLine(Console.Out, interactive: false), CancellationToken.None)
            ?? throw new InvalidOperationException("the scale run failed; see the log above");
        BenchmarkOutput.RunFigures(report);
        if (reportTo is not null)
        {
            var files = await ReportWriter.WriteAsync(report, await run.GetArtifactRowsAsync(), reportTo.FullName);
            BenchmarkOutput.Progress($"report: {string.Join(", ", files)}");
        }

        return report;
    }

    private static ScaleResult Figures(RunReport report)
    {
        var host = report.Host;
        return new ScaleResult
        {
            WallSeconds = BenchmarkOutput.Round(host.WallSeconds, 2),
            Deliveries = report.Emulator.Deliveries,
            DeliveriesPerSecond = BenchmarkOutput.Round(host.DeliveriesPerSecond),
            DeliveryRatio = BenchmarkOutput.Round(ReportFigures.DeliveryRatio(report.Subnets.SelectMany(s => s.Kinds).ToList()), 5),
            FinalizationRate = BenchmarkOutput.Round(report.Subnets.Average(s => s.Consensus?.FinalizationRatePerSecond ?? 0), 3),
            Slowdown = BenchmarkOutput.Round(host.Slowdown, 3),
        };
    }

    private static double DeliveryTickMs(IServiceProvider silo) => Options(silo).DeliveryTick.TotalMilliseconds;

    private static EmulatorOptions Options(IServiceProvider silo) => silo.GetRequiredService<IOptions<EmulatorOptions>>().Value;
}
