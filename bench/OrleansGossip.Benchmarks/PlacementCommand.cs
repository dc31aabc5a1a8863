using System.CommandLine;
using System.Diagnostics;
using OrleansGossip.Grains.Hosting;

namespace OrleansGossip.Benchmarks;

/// <summary>
/// <c>placement</c>: what placing nodes by subnet saves on a cluster. In one process it starts a cluster of two silos
/// on loopback placing nodes at random (so about half of the nodes' batches cross the silo connection), runs a
/// 10 x 13 advert-gossip scenario on it, stops it, and does the same on a cluster placing nodes by subnet, in pairs
/// whose order alternates; it compares deliveries per wall second and process CPU per delivery. The default rate is
/// above capacity, so throughput is the cluster's capacity. Each run gets a cluster of its own and a 5 s warm-up.
/// </summary>
public static class PlacementCommand
{
    public static Command Create()
    {
        var rate = new Option<double>("--rate", "-r") { Description = "Ingress messages per second per subnet.", DefaultValueFactory = _ => 1000 };
        var subnets = new Option<int>("--subnets") { Description = "Subnets in the run.", DefaultValueFactory = _ => 10 };
        var nodes = new Option<int>("--nodes") { Description = "Nodes per subnet.", DefaultValueFactory = _ => 13 };
        var duration = new Option<double>("--duration") { Description = "Seconds of workload per run.", DefaultValueFactory = _ => 15 };
        var pairs = new Option<int>("--pairs") { Description = "Random/subnet pairs of runs.", DefaultValueFactory = _ => 3 };
        var command = new Command("placement", "Throughput and CPU per delivery of a run on two silos placing nodes at random and by subnet.")
        {
            rate, subnets, nodes, duration, pairs,
        };
        command.SetAction((parse, _) => ExecuteAsync(
            parse.GetValue(rate), parse.GetValue(subnets), parse.GetValue(nodes), parse.GetValue(duration), parse.GetValue(pairs)));
        return command;
    }

    private static async Task<int> ExecuteAsync(double rate, int subnets, int nodes, double duration, int pairs)
    {
        var total = Stopwatch.StartNew();
        BenchmarkOutput.Progress($"placement: 2 silos, {subnets} x {nodes} nodes, 1 KiB ingress at {rate}/s per subnet, {duration} s per run, {pairs} pairs");
        BenchmarkOutput.Progress($"machine: {Environment.ProcessorCount} CPUs, {MachineInfo.Current().CpuModel}");
        var runs = new List<PlacementRun>();
        for (var pair = 0; pair < pairs; pair++)
        {
            foreach (var placement in BenchmarkOutput.InTurn(pair, NodePlacement.Random, NodePlacement.Subnet))
            {
                var name = $"placement-{pair}-{placement.ToString().ToLowerInvariant()}";
                var run = await TlsCostCommand.RunOnClusterAsync(null, placement, BenchmarkScenarios.Throughput(name, subnets, nodes, rate, 1024, duration, 10));
                runs.Add(new PlacementRun(placement.ToString().ToLowerInvariant(), run.DeliveriesPerSecond, run.Deliveries, run.WallSeconds, run.CpuMicrosPerDelivery, run.Slowdown, run.DeliveryRatio));
            }
        }

        var random = runs.Where(r => r.Placement == "random").ToList();
        var bySubnet = runs.Where(r => r.Placement == "subnet").ToList();
        var matched = runs.Chunk(2).Where(p => p.Length == 2).Select(p => (Random: p.Single(r => r.Placement == "random"), Subnet: p.Single(r => r.Placement == "subnet"))).ToList();
        var throughputRatios = matched.Select(p => p.Subnet.DeliveriesPerSecond / p.Random.DeliveriesPerSecond).ToList();
        var cpuRatios = matched.Select(p => p.Subnet.CpuMicrosPerDelivery / p.Random.CpuMicrosPerDelivery).ToList();
        var result = new PlacementResult
        {
            Subnets = subnets,
            NodesPerSubnet = nodes,
            IngressPerSecondPerSubnet = rate,
            DurationSeconds = duration,
            Runs = runs,
            RandomDeliveriesPerSecond = BenchmarkOutput.Round(random.Average(r => r.DeliveriesPerSecond)),
            SubnetDeliveriesPerSecond = BenchmarkOutput.Round(bySubnet.Average(r => r.DeliveriesPerSecond)),
            MedianPairThroughputRatio = BenchmarkOutput.Round(BenchmarkOutput.Median(throughputRatios), 4),
            RandomCpuMicrosPerDelivery = BenchmarkOutput.Round(random.Average(r => r.CpuMicrosPerDelivery), 2),
            SubnetCpuMicrosPerDelivery = BenchmarkOutput.Round(bySubnet.Average(r => r.CpuMicrosPerDelivery), 2),
            MedianPairCpuRatio = BenchmarkOutput.Round(BenchmarkOutput.Median(cpuRatios), 4),
            Machine = MachineInfo.Current(),
            TotalWallSeconds = BenchmarkOutput.Round(total.Elapsed.TotalSeconds),
        };
        BenchmarkOutput.Progress($"at {rate}/s: at random {result.RandomDeliveriesPerSecond:N0}/s, by subnet {result.SubnetDeliveriesPerSecond:N0}/s (median pair ratio {result.MedianPairThroughputRatio}); CPU per delivery {result.RandomCpuMicrosPerDelivery} vs {result.SubnetCpuMicrosPerDelivery} µs (median pair ratio {result.MedianPairCpuRatio})");
        BenchmarkOutput.Result(result);
        return 0;
    }
}
