using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Reports;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Grains.Hosting;
using OrleansGossip.Silo.Commands;
using OrleansGossip.Silo.Hosting;

namespace OrleansGossip.Benchmarks;

/// <summary>
/// <c>throughput</c>: on one embedded silo, measures the plain Orleans one-way call rate and the protocol core's own
/// delivery rate (<see cref="Micro.CoreRate"/>, times the cores), then runs a scenario of 10 subnets x 13 nodes with
/// small ingress and no blocks, unpaced by default, and reports deliveries per wall second beside both: its
/// <c>coreRatio</c> is the share of the core's ceiling the whole emulator delivers.
/// </summary>
public static class ThroughputCommand
{
    /// <summary>
    /// 900 ingress messages per second per subnet: 108 000 offered deliveries per second, above what the 2-core
    /// machine of docs/benchmarks.md delivered until 2026-11-27, so that the run measured the emulator's throughput
    /// rather than the offered load; the faster machine of 2026-11-28 carries them all, and its capacity is found with
    /// <c>--rate</c>. That page gives the rates each machine carried with and without lag on the wall-clock emulator.
    /// </summary>
    public const double DefaultIngressPerSecond = 900;

    public static Command Create()
    {
        var rate = new Option<double>("--rate", "-r") { Description = "Ingress messages per second per subnet.", DefaultValueFactory = _ => DefaultIngressPerSecond };
        var subnets = new Option<int>("--subnets") { Description = "Subnets in the run.", DefaultValueFactory = _ => 10 };
        var nodes = new Option<int>("--nodes") { Description = "Nodes per subnet.", DefaultValueFactory = _ => 13 };
        var size = new Option<int>("--size") { Description = "Ingress message size, bytes.", DefaultValueFactory = _ => 1024 };
        var duration = new Option<double>("--duration") { Description = "Emulated seconds of workload.", DefaultValueFactory = _ => 20 };
        var timeScale = new Option<double>("--time-scale") { Description = "The run's pace: wall seconds per emulated second (0: unpaced).", DefaultValueFactory = _ => 0 };
        var coreSeconds = new Option<double>("--core-seconds") { Description = "Seconds of the protocol core's own rate measurement (0: skip it).", DefaultValueFactory = _ => 5 };
        var drain = new Option<double>("--drain") { Description = "At most this many seconds after the workload for the last deliveries.", DefaultValueFactory = _ => 10 };
        var warmup = new Option<double>("--warmup") { Description = "Seconds of a short run before the measured one, so that the runtime has compiled the emulator's code (0: none).", DefaultValueFactory = _ => 3 };
        var callSeconds = new Option<double>("--call-seconds") { Description = "Seconds of the one-way call measurement (0: skip it).", DefaultValueFactory = _ => 5 };
        var senders = new Option<int>("--senders") { Description = "Concurrent senders of one-way calls.", DefaultValueFactory = _ => 32 };
        var maxInFlight = new Option<int>("--max-in-flight") { Description = "One-way calls sent and not yet received, at most.", DefaultValueFactory = _ => 20_000 };
        var tick = EmulatorOverrides.DeliveryTickOption();
        var allocations = new Option<bool>("--allocations") { Description = "Samples allocations by type during the measured run and lists the top ones." };

        var command = new Command("throughput", "Deliveries per wall second at 10 x 13 nodes beside the raw Orleans one-way call rate.")
        {
            rate, subnets, nodes, size, duration, timeScale, coreSeconds, drain, warmup, callSeconds, senders, maxInFlight, tick, allocations,
        };
        command.SetAction((parse, _) => ExecuteAsync(new Settings(
            parse.GetValue(rate),
            parse.GetValue(subnets),
            parse.GetValue(nodes),
            parse.GetValue(size),
            parse.GetValue(duration),
            parse.GetValue(timeScale),
            parse.GetValue(coreSeconds),
            parse.GetValue(drain),
            parse.GetValue(warmup),
            parse.GetValue(callSeconds),
            parse.GetValue(senders),
            parse.GetValue(maxInFlight),
            parse.GetValue(tick),
            parse.GetValue(allocations))));
        return command;
    }

    private static async Task<int> ExecuteAsync(Settings s)
    {
        var total = Stopwatch.StartNew();
        EmulatorOverrides.Apply(s.DeliveryTickMs);

        var totalNodes = s.Subnets * s.Nodes;
        BenchmarkOutput.Progress($"throughput: {s.Subnets} x {s.Nodes} nodes, {s.IngressBytes} B ingress at {s.Rate}/s per subnet, {s.DurationSeconds} s, advert-gossip, timeScale {s.TimeScale}");
        BenchmarkOutput.Progress($"machine: {Environment.ProcessorCount} CPUs, {MachineInfo.Current().CpuModel}");

        ThroughputResult result;
        var silo = await EmbeddedSilo.StartAsync();
        try
        {
            var options = silo.Services.GetRequiredService<IOptions<EmulatorOptions>>().Value;
            BenchmarkOutput.Progress($"embedded silo up; delivery tick {options.DeliveryTick.TotalMilliseconds} ms");

            using var sampler = new RuntimeSampler(s.SampleAllocations);
            var oneWay = new OneWayCallResult(0, 0, 0, s.Senders, totalNodes, s.MaxInFlight);
            RuntimeSample? oneWayRuntime = null;
            if (s.CallSeconds > 0)
            {
                BenchmarkOutput.Progress($"one-way calls: {s.Senders} senders -> {totalNodes} sink grains, at most {s.MaxInFlight} in flight, 3 s warm-up + {s.CallSeconds} s");
                sampler.Start();
                oneWay = await new OneWayCallBenchmark(silo.Grains, totalNodes, s.Senders, s.MaxInFlight)
                    .RunAsync(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(s.CallSeconds), Console.Out);
                oneWayRuntime = sampler.Stop();
                BenchmarkOutput.Progress($"one-way calls: {oneWay.CallsPerSecond:N0}/s; {oneWayRuntime}");
            }

            double corePerSecond = 0;
            if (s.CoreSeconds > 0)
            {
                var perThread = Micro.CoreRate.PerThread(GossipProtocol.AdvertGossip, TimeSpan.FromSeconds(s.CoreSeconds));
                corePerSecond = perThread * Environment.ProcessorCount;
                BenchmarkOutput.Progress($"protocol core alone: {perThread:N0} deliveries/s on one thread, {corePerSecond:N0}/s on {Environment.ProcessorCount} cores");
            }

            if (s.WarmupSeconds > 0)
            {
                BenchmarkOutput.Progress($"warm-up run: {s.WarmupSeconds} s");
                var warm = BenchmarkScenarios.Throughput("bench-warmup", s.Subnets, s.Nodes, s.Rate, s.IngressBytes, s.WarmupSeconds, 5) with { TimeScale = s.TimeScale };
                await RunAsync(silo, warm);
            }

            var scenario = BenchmarkScenarios.Throughput("bench-throughput", s.Subnets, s.Nodes, s.Rate, s.IngressBytes, s.DurationSeconds, s.DrainSeconds) with { TimeScale = s.TimeScale };
            BenchmarkOutput.Progress($"measured run: {scenario.Description}");
            sampler.Start();
            var report = await RunAsync(silo, scenario)
                ?? throw new InvalidOperationException("the measured run failed; see the log above");
            var runtime = sampler.Stop();
            var emulator = report.Emulator;
            var host = report.Host;
            var ingress = report.Subnets.SelectMany(r => r.Kinds).Where(k => k.Kind == ArtifactKind.Ingress.WireName()).ToList();
            var deliveryRatio = ReportFigures.DeliveryRatio(ingress);
            var deliveries = ingress.Sum(k => k.Deliveries);
            BenchmarkOutput.RunFigures(report, string.Create(CultureInfo.InvariantCulture, $"delivery ratio {deliveryRatio:P2}, "));
            BenchmarkOutput.Progress($"runtime during the run: {runtime}");
            if (s.SampleAllocations)
            {
                sampler.WriteTopAllocations(Console.Out);
            }

            result = new ThroughputResult
            {
                DeliveriesPerSecond = BenchmarkOutput.Round(host.DeliveriesPerSecond),
                OrleansOneWayCallsPerSecond = BenchmarkOutput.Round(oneWay.CallsPerSecond),
                Ratio = oneWay.CallsPerSecond > 0 ? BenchmarkOutput.Round(host.DeliveriesPerSecond / oneWay.CallsPerSecond, 4) : 0,
                Slowdown = BenchmarkOutput.Round(host.Slowdown, 3),
                CoreDeliveriesPerSecond = BenchmarkOutput.Round(corePerSecond),
                CoreRatio = corePerSecond > 0 ? BenchmarkOutput.Round(host.DeliveriesPerSecond / corePerSecond, 4) : 0,
                TimeScale = s.TimeScale,
                Nodes = totalNodes,
                Subnets = s.Subnets,
                NodesPerSubnet = s.Nodes,
                IngressPerSecondPerSubnet = s.Rate,
                IngressBytes = s.IngressBytes,
                DurationSeconds = s.DurationSeconds,
                WallSeconds = BenchmarkOutput.Round(host.WallSeconds, 2),
                Deliveries = emulator.Deliveries,
                DeliveryRatio = BenchmarkOutput.Round(deliveryRatio, 5),
                IngressLatencyP50Ms = Median(ingress.Select(k => k.LatencyMs.P50)),
                IngressLatencyP99Ms = ingress.Select(k => k.LatencyMs.P99).Max(),
                AdvertsPerDelivery = deliveries == 0 ? 0 : BenchmarkOutput.Round(ingress.Sum(k => k.AdvertsPerDelivery * k.Deliveries) / deliveries, 2),
                RequestsPerDelivery = deliveries == 0 ? 0 : BenchmarkOutput.Round(ingress.Sum(k => k.RequestsPerDelivery * k.Deliveries) / deliveries, 2),
                DeliveryTickMs = options.DeliveryTick.TotalMilliseconds,
                Runtime = runtime,
                OneWayRuntime = oneWayRuntime,
                OneWay = oneWay with { CallsPerSecond = BenchmarkOutput.Round(oneWay.CallsPerSecond), Seconds = BenchmarkOutput.Round(oneWay.Seconds, 2) },
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

    private static async Task<RunReport?> RunAsync(EmbeddedSilo silo, ScenarioSpec scenario)
    {
        var run = silo.Grains.GetGrain<IRunGrain>($"{scenario.Name}-{DateTime.UtcNow:yyyyMMddHHmmssfff}");
        return await RunCommand.RunToCompletionAsync(run, scenario, new ProgressLine(Console.Out, interactive: false), CancellationToken.None);
    }

    private static double? Median(IEnumerable<double?> values)
    {
        var known = values.OfType<double>().ToList();
        return known.Count == 0 ? null : BenchmarkOutput.Median(known);
    }

    private sealed record Settings(
        double Rate,
        int Subnets,
        int Nodes,
        int IngressBytes,
        double DurationSeconds,
        double TimeScale,
        double CoreSeconds,
        double DrainSeconds,
        double WarmupSeconds,
        double CallSeconds,
        int Senders,
        int MaxInFlight,
        double? DeliveryTickMs,
        bool SampleAllocations);
}
