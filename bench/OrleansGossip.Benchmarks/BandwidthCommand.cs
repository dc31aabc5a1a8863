using System.CommandLine;
using System.Diagnostics;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Reports;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Silo.Commands;
using OrleansGossip.Silo.Hosting;

namespace OrleansGossip.Benchmarks;

/// <summary>
/// <c>bandwidth</c>: runs library scenarios without faults under each protocol, shortened, and reports the duplicate
/// ratio (body bytes received over the minimum, one body per receiving node), per scenario, protocol and kind.
/// </summary>
public static class BandwidthCommand
{
    private const double Target = 1.02;

    public static Command Create()
    {
        var scenarios = new Option<string>("--scenarios") { Description = "Scenario files, comma-separated.", DefaultValueFactory = _ => "scenarios/quickstart.json,scenarios/ic-app-subnet.json,scenarios/nns-subnet.json,scenarios/ingress-flood.json" };
        var protocols = new Option<string>("--protocols") { Description = $"Protocols, comma-separated: {GossipProtocols.Names}.", DefaultValueFactory = _ => "advert-gossip,abortable-broadcast,flooding" };
        var duration = new Option<double>("--duration") { Description = "Emulated seconds of workload per run (a scenario's own duration when shorter).", DefaultValueFactory = _ => 8 };

        var command = new Command("bandwidth", "Duplicate ratio of each protocol on library scenarios without faults.") { scenarios, protocols, duration };
        command.SetAction((parse, _) => ExecuteAsync(Split(parse.GetRequiredValue(scenarios)), Split(parse.GetRequiredValue(protocols)), parse.GetValue(duration)));
        return command;
    }

    private static async Task<int> ExecuteAsync(IReadOnlyList<string> files, IReadOnlyList<string> protocols, double durationSeconds)
    {
        var library = new List<ScenarioSpec>();
        try
        {
            foreach (var file in files)
            {
                var scenario = ScenarioLoader.LoadFile(Path.GetFullPath(file));
                if (scenario.Faults.Count > 0 || scenario.Subnets.Any(s => s.Behaviours.Count > 0))
                {
                    await Console.Error.WriteLineAsync($"error: {file} has faults or misbehaving nodes; the duplicate ratio target is for scenarios without them");
                    return 2;
                }

                foreach (var protocol in protocols)
                {
                    library.Add(RunCommand.ApplyOverrides(scenario, protocol, seed: null, timeScale: null, file) with
                    {
                        DurationSeconds = Math.Min(scenario.DurationSeconds, durationSeconds),
                    });
                }
            }
        }
        catch (ScenarioException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }

        var total = Stopwatch.StartNew();
        var rows = new List<BandwidthRow>();
        var silo = await EmbeddedSilo.StartAsync();
        try
        {
            foreach (var scenario in library)
            {
                BenchmarkOutput.Progress($"{scenario.Name} under {scenario.Protocol}: {scenario.DurationSeconds} emulated s at timeScale {scenario.TimeScale}");
                var run = silo.Grains.GetGrain<IRunGrain>($"bench-bandwidth-{scenario.Name}-{scenario.Protocol}-{DateTime.UtcNow:yyyyMMddHHmmssfff}");
                var report = await RunCommand.RunToCompletionAsync(run, scenario, new ProgressLine(Console.Out, interactive: false), CancellationToken.None)
                    ?? throw new InvalidOperationException($"the run of {scenario.Name} under {scenario.Protocol} failed; see the log above");
                var row = Row(scenario, report);
                rows.Add(row);
                BenchmarkOutput.Progress($"{scenario.Name} under {scenario.Protocol}: duplicate ratio {row.DuplicateRatio:F4} (worst kind {row.WorstKind} {row.WorstKindRatio:F4}), delivery ratio {row.DeliveryRatio:P2}, slowdown {row.Slowdown:F2}");
            }
        }
        finally
        {
            BenchmarkOutput.Progress($"stopping the silo");
            await silo.DisposeAsync();
        }

        BenchmarkOutput.Result(new BandwidthResult
        {
            Target = Target,
            Rows = rows,
            WithinTarget = rows.Where(r => r.Protocol != GossipProtocol.Flooding.WireName()).All(r => r.DuplicateRatio <= Target),
            Machine = MachineInfo.Current(),
            TotalWallSeconds = BenchmarkOutput.Round(total.Elapsed.TotalSeconds),
        });
        return 0;
    }

    /// <summary>One run's figures: the ratio over all kinds (received body bytes over the minimum), and the worst kind.</summary>
    private static BandwidthRow Row(ScenarioSpec scenario, RunReport report)
    {
        var kinds = report.Subnets.SelectMany(s => s.Kinds).Where(k => k.BodyBytesReceived > 0 && k.DuplicateRatio > 0).ToList();
        var received = kinds.Sum(k => (double)k.BodyBytesReceived);
        var minimum = kinds.Sum(k => k.BodyBytesReceived / k.DuplicateRatio);
        var worst = kinds.MaxBy(k => k.DuplicateRatio);
        return new BandwidthRow(
            scenario.Name,
            scenario.Protocol,
            BenchmarkOutput.Round(minimum == 0 ? 0 : received / minimum, 4),
            worst?.Kind ?? "",
            BenchmarkOutput.Round(worst?.DuplicateRatio ?? 0, 4),
            BenchmarkOutput.Round(ReportFigures.DeliveryRatio(report.Subnets.SelectMany(s => s.Kinds).ToList()), 5),
            BenchmarkOutput.Round(report.Host.Slowdown, 3));
    }

    private static List<string> Split(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
