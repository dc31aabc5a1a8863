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
/// whether the emulator kept up (the lag monitor), its deliveries per wall second and what each node cost in memory.
/// </summary>
public static class ScaleCommand
{
    public static Command Create()
    {
        var scenarioFile = new Option<FileInfo>("--scenario") { Description = "The scenario whose first subnet and workload are copied.", DefaultValueFactory = _ => new FileInfo(Path.Combine("scenarios", "ic-app-subnet.json")) };
        var subnets = new Option<int>("--subnets") { Description = "Copies of the subnet.", DefaultValueFactory = _ => 100 };
        var timeScale = new Option<double>("--time-scale") { Description = "Wall seconds per emulated second.", DefaultValueFactory = _ => 10 };
        var duration = new Option<double>("--duration") { Description = "Emulated seconds of workload.", DefaultValueFactory = _ => 10 };
        var warmup = new Option<double>("--warmup") { Description = $"Seconds of a warm-up run at time scale 1 on at most {WarmUpScenario.MaxSubnets} of the subnets, before the measured one (0: none).", DefaultValueFactory = _ => 3 };
        var tick = EmulatorOverrides.DeliveryTickOption();
        var excludePauses = EmulatorOverrides.ExcludeCollectorPausesOption();
        var allocations = new Option<bool>("--allocations") { Description = "Samples allocations by type during the run and lists the top ones." };
        var processes = new Option<int>("--silo-processes") { Description = "Silo processes on this machine, placing nodes by subnet (1: one embedded silo).", DefaultValueFactory = _ => 1 };
        var reportTo = new Option<DirectoryInfo?>("--report") { Description = "Writes the measured run's report.json, artifacts.csv and report.html (with its lag over run time) to this directory." };

        var command = new Command("scale", "Many copies of a scenario's subnet at a time scale: lag, deliveries per wall second, memory per node.")
        {
            scenarioFile, subnets, timeScale, duration, warmup, tick, excludePauses, allocations, processes, reportTo,
        };
        command.SetAction((parse, _) => ExecuteAsync(
            parse.GetRequiredValue(scenarioFile), parse.GetValue(subnets), parse.GetValue(timeScale), parse.GetValue(duration), parse.GetValue(warmup), parse.GetValue(tick), parse.GetValue(excludePauses), parse.GetValue(allocations), parse.GetValue(processes), parse.GetValue(reportTo)));
        return command;
    }

    private static async Task<int> ExecuteAsync(FileInfo file, int copies, double timeScale, double durationSeconds, double warmupSeconds, double? tickMs, bool excludePauses, bool sampleAllocations, int siloProcesses, DirectoryInfo? reportTo)
    {
        if (copies < 1 || timeScale <= 0 || durationSeconds <= 0 || siloProcesses < 1)
        {
            await Console.Error.WriteLineAsync("error: --subnets, --time-scale, --duration and --silo-processes must be positive");
            return 2;
        }

        if (warmupSeconds < 0)
        {
            await Console.Error.WriteLineAsync("error: --warmup must not be negative");
            return 2;
        }

        if (excludePauses && siloProcesses > 1)
        {
            await Console.Error.WriteLineAsync("error: --exclude-collector-pauses is for one silo: each silo process would leave out its own pauses, and their clocks would drift apart");
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
        var warm = warmupSeconds > 0 ? WarmUpScenario.Of(scenario, warmupSeconds) : null;

        var total = Stopwatch.StartNew();
        var where = siloProcesses == 1 ? "one embedded silo" : $"{siloProcesses} silo processes placing nodes by subnet";
        BenchmarkOutput.Progress($"scale: {copies:N0} copies of {library.Name}'s subnet ({nodes:N0} nodes), timeScale {timeScale}, {durationSeconds} emulated s, on {where}");
        EmulatorOverrides.Apply(tickMs, excludePauses);
        var result = siloProcesses == 1
            ? await RunOnEmbeddedSiloAsync(scenario, warm, sampleAllocations, reportTo)
            : await RunOnSiloProcessesAsync(scenario, warm, siloProcesses, sampleAllocations, reportTo);
        result = result with
        {
            Scenario = library.Name,
            Subnets = copies,
            Nodes = nodes,
            TimeScale = timeScale,
            DurationSeconds = durationSeconds,
            WarmupSeconds = warmupSeconds,
            SiloProcesses = siloProcesses,
            Machine = MachineInfo.Current(),
        };
        BenchmarkOutput.Result(result with { TotalWallSeconds = BenchmarkOutput.Round(total.Elapsed.TotalSeconds) });
        return 0;
    }

    private static async Task<ScaleResult> RunOnEmbeddedSiloAsync(ScenarioSpec scenario, ScenarioSpec? warm, bool sampleAllocations, DirectoryInfo? reportTo)
    {
        var silo = await EmbeddedSilo.StartAsync();
        try
        {
            await WarmUpAsync(silo.Grains, silo.Services, warm);
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
    /// The run on a cluster of silo processes: the figures are the run's (its lag is every silo's), the CPU all the
    /// processes', and the runtime figures this process's silo's alone.
    /// </summary>
    private static async Task<ScaleResult> RunOnSiloProcessesAsync(ScenarioSpec scenario, ScenarioSpec? warm, int silos, bool sampleAllocations, DirectoryInfo? reportTo)
    {
        var cluster = await SiloProcessCluster.StartAsync(silos);
        try
        {
            BenchmarkOutput.Progress($"{silos} silos up");
            await WarmUpAsync(cluster.Grains, cluster.Services, warm);
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

    /// <summary>Runs <paramref name="warm"/>, when given, and waits for its last deliveries (<see cref="WarmUp"/>).</summary>
    private static async Task WarmUpAsync(IGrainFactory grains, IServiceProvider silo, ScenarioSpec? warm)
    {
        if (warm is null)
        {
            return;
        }

        BenchmarkOutput.Progress($"warm-up run: {warm.Subnets.Count} subnets, {warm.DurationSeconds} s at time scale 1");
        await RunAsync(grains, warm);
        await WarmUp.WaitForQuietAsync(silo);
    }

    private static async Task<RunReport> RunAsync(IGrainFactory grains, ScenarioSpec scenario, DirectoryInfo? reportTo = null)
    {
        var run = grains.GetGrain<IRunGrain>($"{scenario.Name}-{DateTime.UtcNow:yyyyMMddHHmmssfff}");
        var report = await RunCommand.RunToCompletionAsync(run, scenario, new ProgressLine(Console.Out, interactive: false), CancellationToken.None)
            ?? throw new InvalidOperationException("the scale run failed; see the log above");
        BenchmarkOutput.RunFigures(report.Emulator);
        if (reportTo is not null)
        {
            var files = await ReportWriter.WriteAsync(report, await run.GetArtifactRowsAsync(), reportTo.FullName);
            BenchmarkOutput.Progress($"report: {string.Join(", ", files)}");
        }

        return report;
    }

    private static ScaleResult Figures(RunReport report)
    {
        var emulator = report.Emulator;
        return new ScaleResult
        {
            WallSeconds = BenchmarkOutput.Round(emulator.WallSeconds, 2),
            Deliveries = emulator.Deliveries,
            DeliveriesPerSecond = BenchmarkOutput.Round(emulator.DeliveriesPerSecond),
            DeliveryRatio = BenchmarkOutput.Round(ReportFigures.DeliveryRatio(report.Subnets.SelectMany(s => s.Kinds).ToList()), 5),
            FinalizationRate = BenchmarkOutput.Round(report.Subnets.Average(s => s.Consensus?.FinalizationRatePerSecond ?? 0), 3),
            LagMsP99 = emulator.LagMsP99,
            Lagging = emulator.Lagging,
            LagWarningMs = emulator.LagWarningMs,
            LagTimeline = emulator.LagTimeline,
            CollectorPausesExcludedSeconds = emulator.CollectorPausesExcludedSeconds > 0 ? BenchmarkOutput.Round(emulator.CollectorPausesExcludedSeconds, 2) : null,
        };
    }

    private static double DeliveryTickMs(IServiceProvider silo) => Options(silo).DeliveryTick.TotalMilliseconds;

    private static EmulatorOptions Options(IServiceProvider silo) => silo.GetRequiredService<IOptions<EmulatorOptions>>().Value;
}
