using System.CommandLine;
using OrleansGossip.Benchmarks.Micro;
using OrleansGossip.Benchmarks.Plots;

namespace OrleansGossip.Benchmarks;

/// <summary>
/// <c>throughput</c>: deliveries per wall second of a 10 x 13 advert-gossip run beside the raw Orleans one-way call
/// rate on the same silo. <c>memory</c>: memory per idle node grain. <c>scale</c>: many copies of a
/// library subnet at a time scale, and whether the machine keeps its pace. <c>dashboard-cost</c>: the
/// throughput a run loses while the dashboard watches it. <c>tls-cost</c>: the throughput and CPU mutual TLS between
/// two silos costs. <c>placement</c>: what placing nodes by subnet saves on two silos. <c>fidelity</c>: time to reach all nodes of a full mesh against the closed-form expectation.
/// <c>bandwidth</c>: the duplicate ratio of each protocol on library scenarios without faults. <c>micro</c>:
/// BenchmarkDotNet micro-benchmarks of the protocol core alone.
/// Progress goes to stdout as it happens; the last line of stdout is one JSON object with the figures. <c>plot</c>
/// draws saved results of <c>throughput</c>, <c>scale</c>, <c>fidelity</c> and <c>bandwidth</c> as SVG files, naming each on a
/// line of its own.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("OrleansGossip benchmarks: emulator throughput and memory per idle node, on an embedded silo.")
        {
            ThroughputCommand.Create(),
            DeterminismCommand.Create(),
            MemoryCommand.Create(),
            ScaleCommand.Create(),
            DashboardCostCommand.Create(),
            TlsCostCommand.Create(),
            PlacementCommand.Create(),
            FidelityCommand.Create(),
            BandwidthCommand.Create(),
            MicroCommand.Create(),
            PlotCommand.Create(),
        };
        var save = new Option<FileInfo>("--save")
        {
            Description = "Also appends the run's closing JSON line to this file, for plot.",
            Recursive = true,
        };
        root.Options.Add(save);

        var parse = root.Parse(args);
        BenchmarkOutput.SaveTo = parse.GetValue(save);
        return await parse.InvokeAsync();
    }
}
