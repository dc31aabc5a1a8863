using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Grains.Hosting;
using OrleansGossip.Silo.Commands;
using OrleansGossip.Silo.Hosting;

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
        var tick = DeliveryTickOverride.CreateOption();
        var allocations = new Option<bool>("--allocations") { Description = "Samples allocations by type during the run and lists the top ones." };

        var command = new Command("scale", "Many copies of a scenario's subnet at a time scale: lag, deliveries per wall second, memory per node.")
        {
            scenarioFile, subnets, timeScale, duration, tick, allocations,
        };
        command.SetAction((parse, _) => ExecuteAsync(
            parse.GetRequiredValue(scenarioFile), parse.GetValue(subnets), parse.GetValue(timeScale), parse.GetValue(duration), parse.GetValue(tick), parse.GetValue(allocations)));
        return command;
    }

    private static async Task<int> ExecuteAsync(FileInfo file, int copies, double timeScale, double durationSeconds, double? tickMs, bool sampleAllocations)
    {
        if (copies < 1 || timeScale <= 0 || durationSeconds <= 0)
        {
            await Console.Error.WriteLineAsync("error: --subnets, --time-scale and --duration must be positive");
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
        BenchmarkOutput.Progress($"scale: {copies:N0} copies of {library.Name}'s subnet ({nodes:N0} nodes), timeScale {timeScale}, {durationSeconds} emulated s");
        ScaleResult result;
        DeliveryTickOverride.Apply(tickMs);
        var silo = await EmbeddedSilo.StartAsync();
        try
        {
            var before = MemorySnapshot.Take();
            using var sampler = new RuntimeSampler(sampleAllocations);
            sampler.Start();
            var run = silo.Grains.GetGrain<IRunGrain>($"{scenario.Name}-{DateTime.UtcNow:yyyyMMddHHmmssfff}");
            var report = await RunCommand.RunToCompletionAsync(run, scenario, new ProgressLine(Console.Out, interactive: false), CancellationToken.None)
                ?? throw new InvalidOperationException("the scale run failed; see the log above");
            var runtime = sampler.Stop();
            var after = MemorySnapshot.Take();
            var emulator = report.Emulator;
            var kinds = report.Subnets.SelectMany(s => s.Kinds).ToList();
            BenchmarkOutput.Progress($"run: {emulator.Deliveries:N0} deliveries in {emulator.WallSeconds:F1} wall s = {emulator.DeliveriesPerSecond:N0}/s, lag p99 {emulator.LagMsP99} ms{(emulator.Lagging ? " (LAGGING)" : "")}");
            if (sampleAllocations)
            {
                sampler.WriteTopAllocations(Console.Out);
            }
            result = new ScaleResult
            {
                Scenario = library.Name,
                Subnets = copies,
                Nodes = nodes,
                TimeScale = timeScale,
                DurationSeconds = durationSeconds,
                WallSeconds = BenchmarkOutput.Round(emulator.WallSeconds, 2),
                Deliveries = emulator.Deliveries,
                DeliveriesPerSecond = BenchmarkOutput.Round(emulator.DeliveriesPerSecond),
                DeliveryRatio = BenchmarkOutput.Round(ReportFigures.DeliveryRatio(kinds), 5),
                FinalizationRate = BenchmarkOutput.Round(report.Subnets.Average(s => s.Consensus?.FinalizationRatePerSecond ?? 0), 3),
                LagMsP99 = emulator.LagMsP99,
                Lagging = emulator.Lagging,
                DeliveryTickMs = silo.Services.GetRequiredService<IOptions<EmulatorOptions>>().Value.DeliveryTick.TotalMilliseconds,
                ManagedBytesPerNode = BenchmarkOutput.Round((double)(after.Managed - before.Managed) / nodes),
                WorkingSetBytesPerNode = BenchmarkOutput.Round((double)(after.WorkingSet - before.WorkingSet) / nodes),
                Runtime = runtime,
                Machine = MachineInfo.Current(),
            };
        }
        finally
        {
            BenchmarkOutput.Progress($"stopping the silo");
            await silo.DisposeAsync();
        }

        BenchmarkOutput.Result(result with { TotalWallSeconds = BenchmarkOutput.Round(total.Elapsed.TotalSeconds) });
        return 0;
    }
}
