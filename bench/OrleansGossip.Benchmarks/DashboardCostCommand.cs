using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansGossip.Abstractions.Reports;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Silo.Commands;
using OrleansGossip.Silo.Hosting;

namespace OrleansGossip.Benchmarks;

/// <summary>
/// <c>dashboard-cost</c>: what watching a run in the dashboard costs the emulator. On the host <c>serve</c> starts
/// (silo, gateway, dashboard, Orleans dashboard), it runs the same 10 x 13 advert-gossip scenario alternately unwatched
/// and watched by hub clients (one on a subnet's detail per simulated browser, one on the overview), and compares
/// deliveries per wall second and process CPU per delivery; optionally also at an offered load above capacity, where
/// throughput is the emulator's ceiling.
/// </summary>
public static class DashboardCostCommand
{
    public static Command Create()
    {
        var rate = new Option<double>("--rate", "-r") { Description = "Ingress messages per second per subnet (the emulator keeps up).", DefaultValueFactory = _ => ThroughputCommand.DefaultIngressPerSecond };
        var saturate = new Option<double>("--saturate-rate") { Description = "A rate above capacity for saturated pairs of runs (0: skip).", DefaultValueFactory = _ => 0 };
        var saturatedPairs = new Option<int>("--saturated-pairs") { Description = "Unwatched/watched pairs of runs at the saturating rate.", DefaultValueFactory = _ => 1 };
        var subnets = new Option<int>("--subnets") { Description = "Subnets in the run.", DefaultValueFactory = _ => 10 };
        var nodes = new Option<int>("--nodes") { Description = "Nodes per subnet.", DefaultValueFactory = _ => 13 };
        var duration = new Option<double>("--duration") { Description = "Seconds of workload per run.", DefaultValueFactory = _ => 15 };
        var pairs = new Option<int>("--pairs") { Description = "Unwatched/watched pairs of runs at the offered rate.", DefaultValueFactory = _ => 2 };
        var watchers = new Option<int>("--watchers") { Description = "Simulated browsers on a subnet's detail (plus one on the overview).", DefaultValueFactory = _ => 1 };
        var command = new Command("dashboard-cost", "Throughput and CPU per delivery of a run unwatched and watched through the dashboard hub.")
        {
            rate, saturate, saturatedPairs, subnets, nodes, duration, pairs, watchers,
        };
        command.SetAction((parse, _) => ExecuteAsync(
            parse.GetValue(rate), parse.GetValue(saturate), parse.GetValue(saturatedPairs), parse.GetValue(subnets), parse.GetValue(nodes),
            parse.GetValue(duration), parse.GetValue(pairs), parse.GetValue(watchers)));
        return command;
    }

    private static async Task<int> ExecuteAsync(double rate, double saturateRate, int saturatedPairs, int subnets, int nodes, double duration, int pairs, int watchers)
    {
        var total = Stopwatch.StartNew();
        BenchmarkOutput.Progress($"dashboard-cost: {subnets} x {nodes} nodes, 1 KiB ingress at {rate}/s per subnet, {duration} s per run, {pairs} pairs, {watchers} subnet watcher(s) + 1 overview watcher");
        BenchmarkOutput.Progress($"machine: {Environment.ProcessorCount} CPUs, {MachineInfo.Current().CpuModel}");
        await using var server = await EmbeddedServer.StartAsync("http://127.0.0.1:0");
        BenchmarkOutput.Progress($"server up on {server.Address}");

        var warm = BenchmarkScenarios.Throughput("cost-warmup", subnets, nodes, rate, 1024, 3, 5);
        await RunAsync(server, warm, watchers: 0);

        var runs = new List<DashboardCostRun>();
        var updates = new List<(long Count, long Bytes, double Seconds)>();
        for (var pair = 0; pair < pairs; pair++)
        {
            foreach (var watched in BenchmarkOutput.InTurn(pair, false, true))
            {
                var scenario = BenchmarkScenarios.Throughput($"cost-{pair}-{(watched ? "watched" : "unwatched")}", subnets, nodes, rate, 1024, duration, 10);
                var (run, seen) = await RunAsync(server, scenario, watched ? watchers : 0);
                runs.Add(run);
                if (watched)
                {
                    updates.Add(seen);
                }
            }
        }

        double? saturatedUnwatched = null, saturatedWatched = null;
        if (saturateRate > 0)
        {
            var saturated = new List<DashboardCostRun>();
            for (var pair = 0; pair < saturatedPairs; pair++)
            {
                foreach (var watched in BenchmarkOutput.InTurn(pair, false, true))
                {
                    var scenario = BenchmarkScenarios.Throughput($"cost-saturated-{pair}-{(watched ? "watched" : "unwatched")}", subnets, nodes, saturateRate, 1024, duration, 10);
                    saturated.Add((await RunAsync(server, scenario, watched ? watchers : 0)).Run);
                }
            }

            runs.AddRange(saturated);
            saturatedUnwatched = BenchmarkOutput.Round(saturated.Where(r => !r.Watched).Average(r => r.DeliveriesPerSecond));
            saturatedWatched = BenchmarkOutput.Round(saturated.Where(r => r.Watched).Average(r => r.DeliveriesPerSecond));
        }

        var offered = runs.Where(r => r.Rate == rate).ToList();
        if (offered.Count < 2)
        {
            offered = runs.ToList();
        }

        var matched = offered.Chunk(2).Where(p => p.Length == 2)
            .Select(p => (Unwatched: p.Single(r => !r.Watched), Watched: p.Single(r => r.Watched)))
            .ToList();
        var pairRatios = matched.Select(p => p.Watched.DeliveriesPerSecond / p.Unwatched.DeliveriesPerSecond).ToList();
        var cpuRatios = matched.Select(p => p.Watched.CpuMicrosPerDelivery / p.Unwatched.CpuMicrosPerDelivery).ToList();
        var unwatchedRate = offered.Where(r => !r.Watched).Average(r => r.DeliveriesPerSecond);
        var watchedRate = offered.Where(r => r.Watched).Average(r => r.DeliveriesPerSecond);
        var unwatchedCpu = offered.Where(r => !r.Watched).Average(r => r.CpuMicrosPerDelivery);
        var watchedCpu = offered.Where(r => r.Watched).Average(r => r.CpuMicrosPerDelivery);
        var updateSeconds = updates.Sum(u => u.Seconds);
        var result = new DashboardCostResult
        {
            Subnets = subnets,
            NodesPerSubnet = nodes,
            IngressPerSecondPerSubnet = rate,
            DurationSeconds = duration,
            Watchers = watchers,
            Runs = runs,
            UnwatchedDeliveriesPerSecond = BenchmarkOutput.Round(unwatchedRate),
            WatchedDeliveriesPerSecond = BenchmarkOutput.Round(watchedRate),
            ThroughputLossPercent = BenchmarkOutput.Round((1 - (watchedRate / unwatchedRate)) * 100, 2),
            MedianPairThroughputLossPercent = BenchmarkOutput.Round((1 - BenchmarkOutput.Median(pairRatios)) * 100, 2),
            MedianPairCpuOverheadPercent = BenchmarkOutput.Round((BenchmarkOutput.Median(cpuRatios) - 1) * 100, 2),
            UnwatchedCpuMicrosPerDelivery = BenchmarkOutput.Round(unwatchedCpu, 2),
            WatchedCpuMicrosPerDelivery = BenchmarkOutput.Round(watchedCpu, 2),
            CpuOverheadPercent = BenchmarkOutput.Round(((watchedCpu / unwatchedCpu) - 1) * 100, 2),
            SaturatedRate = saturateRate > 0 ? saturateRate : null,
            SaturatedUnwatchedDeliveriesPerSecond = saturatedUnwatched,
            SaturatedWatchedDeliveriesPerSecond = saturatedWatched,
            SaturatedThroughputLossPercent = saturatedUnwatched is { } u && saturatedWatched is { } w ? BenchmarkOutput.Round((1 - (w / u)) * 100, 2) : null,
            UpdatesPerSecondPerWatcher = updateSeconds > 0 ? BenchmarkOutput.Round(updates.Sum(u => u.Count) / updateSeconds, 2) : 0,
            MeanUpdateBytes = updates.Sum(u => u.Count) > 0 ? BenchmarkOutput.Round((double)updates.Sum(u => u.Bytes) / updates.Sum(u => u.Count)) : 0,
            Machine = MachineInfo.Current(),
            TotalWallSeconds = BenchmarkOutput.Round(total.Elapsed.TotalSeconds),
        };
        BenchmarkOutput.Progress($"unwatched {result.UnwatchedDeliveriesPerSecond:N0}/s, watched {result.WatchedDeliveriesPerSecond:N0}/s: throughput loss {result.ThroughputLossPercent} % (median of pairs {result.MedianPairThroughputLossPercent} %); CPU per delivery {result.UnwatchedCpuMicrosPerDelivery} vs {result.WatchedCpuMicrosPerDelivery} µs ({result.CpuOverheadPercent:+0.##;-0.##} %, median of pairs {result.MedianPairCpuOverheadPercent:+0.##;-0.##} %)");
        BenchmarkOutput.Result(result);
        return 0;
    }

    /// <summary>Runs a scenario to completion, watched by <paramref name="watchers"/> subnet clients and one overview client when above 0.</summary>
    private static async Task<(DashboardCostRun Run, (long Count, long Bytes, double Seconds) Updates)> RunAsync(EmbeddedServer server, ScenarioSpec scenario, int watchers)
    {
        var runId = $"{scenario.Name}-{DateTime.UtcNow:HHmmssfff}";
        var run = server.Grains.GetGrain<IRunGrain>(runId);
        var clients = new List<HubConnection>();
        long count = 0, bytes = 0;
        try
        {
            for (var i = 0; i <= watchers && watchers > 0; i++)
            {
                var client = new HubConnectionBuilder().WithUrl(new Uri(server.Address, "hubs/propagation")).Build();
                var counted = i == 0;
                if (i < watchers)
                {
                    client.On<JsonElement>("Subnet", update =>
                    {
                        if (counted)
                        {
                            Interlocked.Increment(ref count);
                            Interlocked.Add(ref bytes, update.GetRawText().Length);
                        }
                    });
                }
                else
                {
                    client.On<JsonElement>("Overview", _ => { });
                }

                await client.StartAsync();
                await client.InvokeAsync("Watch", runId, i < watchers ? scenario.Subnets[i % scenario.Subnets.Count].Id : null);
                clients.Add(client);
            }

            // The silos learn of a watch within a second: start the run once they collect for it. Unwatched runs wait
            // as long, so that every run starts as settled after the one before.
            await Task.Delay(TimeSpan.FromSeconds(1.5));

            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var report = await RunCommand.RunToCompletionAsync(run, scenario, new ProgressLine(TextWriter.Null, interactive: false), CancellationToken.None)
                ?? throw new InvalidOperationException($"run {runId} failed");
            var seconds = watch.Elapsed.TotalSeconds;
            var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            var deliveries = report.Emulator.Deliveries;
            var host = report.Host;
            var result = new DashboardCostRun(
                watchers > 0,
                scenario.Workload.Ingress!.RatePerSecond,
                BenchmarkOutput.Round(host.DeliveriesPerSecond),
                deliveries,
                BenchmarkOutput.Round(host.WallSeconds, 2),
                deliveries == 0 ? 0 : BenchmarkOutput.Round(used.TotalMicroseconds / deliveries, 2),
                BenchmarkOutput.Round(host.Slowdown, 3),
                Interlocked.Read(ref count));
            BenchmarkOutput.Progress($"{runId}: {(watchers > 0 ? "watched" : "unwatched")}, {result.DeliveriesPerSecond:N0} deliveries/s, {result.CpuMicrosPerDelivery} µs CPU/delivery, slowdown {result.Slowdown:F2}, {result.Updates} updates");
            return (result, (Interlocked.Read(ref count), Interlocked.Read(ref bytes), seconds));
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }

            // Let the silo notice that nobody watches before the next run.
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }
}
