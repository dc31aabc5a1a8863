using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansGossip.Abstractions.Reports;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Grains.Hosting;
using OrleansGossip.Silo.Commands;

namespace OrleansGossip.Benchmarks;

/// <summary>
/// <c>determinism</c>: runs a scenario twice on one silo and once on a cluster of silo processes with its nodes placed at
/// random, and says whether the three reports are the same outside their <c>runId</c> and <c>host</c> block, and where
/// they first differ if not.
/// </summary>
public static class DeterminismCommand
{
    public static Command Create()
    {
        var scenario = new Argument<FileInfo>("scenario") { Description = "The scenario file." };
        var silos = new Option<int>("--silos") { Description = "Silos of the cluster run (nodes placed at random).", DefaultValueFactory = _ => 3 };
        var timeScale = new Option<double>("--time-scale") { Description = "The runs' pace (0: unpaced).", DefaultValueFactory = _ => 0 };
        var duration = new Option<double?>("--duration") { Description = "Emulated seconds of workload, instead of the scenario's." };
        var command = new Command("determinism", "Runs a scenario twice on one silo and once on several; says whether the reports are the same.")
        {
            scenario, silos, timeScale, duration,
        };
        command.SetAction((parse, _) => ExecuteAsync(parse.GetRequiredValue(scenario), parse.GetValue(silos), parse.GetValue(timeScale), parse.GetValue(duration)));
        return command;
    }

    private static async Task<int> ExecuteAsync(FileInfo file, int silos, double timeScale, double? duration)
    {
        var spec = ScenarioLoader.LoadFile(file.FullName) with { TimeScale = timeScale };
        if (duration is { } seconds)
        {
            spec = spec with { DurationSeconds = seconds };
        }

        var reports = new List<(string Where, RunReport Report)>();
        await using (var one = await SiloProcessCluster.StartAsync(1, NodePlacement.Random))
        {
            for (var i = 1; i <= 2; i++)
            {
                reports.Add(($"1 silo, run {i}", await RunAsync(one, spec, $"determinism-1-{i}")));
            }
        }

        await using (var many = await SiloProcessCluster.StartAsync(silos, NodePlacement.Random))
        {
            reports.Add(($"{silos} silos", await RunAsync(many, spec, $"determinism-{silos}")));
        }

        var first = Figures(reports[0].Report);
        var differences = reports.Skip(1)
            .Select(r => (r.Where, Difference: FirstDifference(first, Figures(r.Report), "$")))
            .ToList();
        foreach (var (where, difference) in differences)
        {
            BenchmarkOutput.Progress($"{where} against 1 silo, run 1: {difference ?? "identical"}");
        }

        BenchmarkOutput.Result(new DeterminismResult
        {
            Scenario = spec.Name,
            Protocol = spec.Protocol,
            Seed = spec.Seed,
            Silos = silos,
            Identical = differences.All(d => d.Difference is null),
            FirstDifference = differences.Select(d => d.Difference is null ? null : $"{d.Where}: {d.Difference}").FirstOrDefault(d => d is not null),
            Runs = reports.Select(r => new DeterminismRun(r.Where, r.Report.Host.Silos, BenchmarkOutput.Round(r.Report.Host.WallSeconds, 2), BenchmarkOutput.Round(r.Report.Host.Slowdown, 3), r.Report.Emulator.Deliveries)).ToList(),
            Machine = MachineInfo.Current(),
        });
        return differences.All(d => d.Difference is null) ? 0 : 1;
    }

    private static async Task<RunReport> RunAsync(SiloProcessCluster cluster, ScenarioSpec spec, string name)
    {
        BenchmarkOutput.Progress($"{name}: {spec.Name}, {spec.Protocol}, seed {spec.Seed}");
        var run = cluster.Grains.GetGrain<IRunGrain>($"{name}-{DateTime.UtcNow:yyyyMMddHHmmssfff}");
        var report = await RunCommand.RunToCompletionAsync(run, spec, new ProgressLine(Console.Out, interactive: false), CancellationToken.None)
            ?? throw new InvalidOperationException($"{name} failed; see the log above");
        BenchmarkOutput.RunFigures(report);
        return report;
    }

    /// <summary>The report as a JSON tree, without what may differ from run to run: its id and its host block.</summary>
    private static JsonNode Figures(RunReport report) =>
        JsonSerializer.SerializeToNode(report.Figures(), ScenarioLoader.JsonOptions)!;

    /// <summary>The JSON path and both values of the first place two trees differ, in document order; null when they do not.</summary>
    private static string? FirstDifference(JsonNode? a, JsonNode? b, string path)
    {
        switch (a, b)
        {
            case (JsonObject x, JsonObject y):
                foreach (var (key, value) in x)
                {
                    if (FirstDifference(value, y[key], $"{path}.{key}") is { } inner)
                    {
                        return inner;
                    }
                }

                return x.Count == y.Count ? null : $"{path}: {x.Count} fields against {y.Count}";
            case (JsonArray x, JsonArray y):
                for (var i = 0; i < Math.Min(x.Count, y.Count); i++)
                {
                    if (FirstDifference(x[i], y[i], $"{path}[{i}]") is { } inner)
                    {
                        return inner;
                    }
                }

                return x.Count == y.Count ? null : $"{path}: {x.Count} items against {y.Count}";
            default:
                var (left, right) = (a?.ToJsonString() ?? "null", b?.ToJsonString() ?? "null");
                return left == right ? null : $"{path}: {left} against {right}";
        }
    }
}
