using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Grains.Runs;
using OrleansGossip.Silo.Hosting;

namespace OrleansGossip.Benchmarks;

/// <summary>
/// <c>fidelity</c>: on a full mesh with constant latency and bandwidth, one source submits artifacts of a size one
/// at a time; the time each takes to reach every node is compared with <see cref="FidelityModel"/>, per node count
/// and size. The times are emulated, so they do not depend on the machine; the run is paced (its time scale above 0),
/// since an idle run left unpaced would reach its end before the first artifact is submitted.
/// </summary>
public static class FidelityCommand
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(500);

    public static Command Create()
    {
        var nodes = new Option<string>("--nodes", "-n") { Description = "Node counts, comma-separated.", DefaultValueFactory = _ => "13,40" };
        var sizes = new Option<string>("--sizes", "-s") { Description = "Artifact sizes in bytes, comma-separated.", DefaultValueFactory = _ => "1024,65536,262144,1048576" };
        var latency = new Option<double>("--latency-ms") { Description = "One-way latency of every link, emulated ms.", DefaultValueFactory = _ => 50 };
        var bandwidth = new Option<double>("--bandwidth-mbps") { Description = "Every node's uplink and downlink, Mbit/s.", DefaultValueFactory = _ => 1000 };
        var timeScale = new Option<double>("--time-scale") { Description = "The pace: wall seconds per emulated second at least (above 0).", DefaultValueFactory = _ => 1 };
        var artifacts = new Option<int>("--artifacts") { Description = "Artifacts per case, submitted one after another.", DefaultValueFactory = _ => 5 };
        var tolerance = new Option<double>("--tolerance") { Description = "Largest acceptable relative error, percent.", DefaultValueFactory = _ => 5 };

        var command = new Command("fidelity", "Time to reach all nodes on a full mesh against the closed-form expectation.")
        {
            nodes, sizes, latency, bandwidth, timeScale, artifacts, tolerance,
        };
        command.SetAction((parse, _) => ExecuteAsync(
            ParseList(parse.GetRequiredValue(nodes)),
            ParseList(parse.GetRequiredValue(sizes)),
            parse.GetValue(latency),
            parse.GetValue(bandwidth),
            parse.GetValue(timeScale),
            parse.GetValue(artifacts),
            parse.GetValue(tolerance)));
        return command;
    }

    private static async Task<int> ExecuteAsync(
        IReadOnlyList<int> nodeCounts,
        IReadOnlyList<int> sizes,
        double latencyMs,
        double bandwidthMbps,
        double timeScale,
        int artifactsPerCase,
        double tolerancePercent)
    {
        if (nodeCounts.Count == 0 || nodeCounts.Any(n => n < 2) || sizes.Count == 0 || sizes.Any(s => s < 1) || artifactsPerCase < 1 || !(timeScale > 0))
        {
            await Console.Error.WriteLineAsync("error: --nodes (each at least 2), --sizes (each at least 1 byte) and --artifacts (at least 1) are required, and --time-scale must be above 0");
            return 2;
        }

        var total = Stopwatch.StartNew();
        BenchmarkOutput.Progress($"fidelity: full mesh, {latencyMs} ms links, {bandwidthMbps} Mbit/s, timeScale {timeScale}, {artifactsPerCase} artifacts per case");
        var cases = new List<FidelityCase>();
        var silo = await EmbeddedSilo.StartAsync();
        try
        {
            foreach (var n in nodeCounts)
            {
                foreach (var size in sizes)
                {
                    using var sampler = new RuntimeSampler();
                    sampler.Start();
                    var measured = await MeasureAsync(silo, n, size, latencyMs, bandwidthMbps, timeScale, artifactsPerCase);
                    var runtime = sampler.Stop();
                    var error = (measured.MedianMs - measured.ExpectedMs) / measured.ExpectedMs * 100;
                    var within = Math.Abs(error) <= tolerancePercent;
                    var result = new FidelityCase(
                        n,
                        size,
                        artifactsPerCase,
                        BenchmarkOutput.Round(measured.ExpectedMs, 2),
                        BenchmarkOutput.Round(measured.MedianMs, 2),
                        BenchmarkOutput.Round(measured.MinMs, 2),
                        BenchmarkOutput.Round(measured.MaxMs, 2),
                        BenchmarkOutput.Round(error, 2),
                        BenchmarkOutput.Round(measured.Slowdown, 3),
                        within,
                        runtime.GcPauseMaxMs,
                        runtime.MethodsCompiled,
                        runtime.CompilingMs);
                    cases.Add(result);
                    BenchmarkOutput.Progress($"N={n,3} S={size,8:N0} B: expected {result.ExpectedMs,9:F2} ms, measured {result.MeasuredMsMedian,9:F2} ms (min {result.MeasuredMsMin:F2}, max {result.MeasuredMsMax:F2}), error {result.ErrorPercent,6:F2} %, slowdown {result.Slowdown:F2}, longest GC pause {result.GcPauseMaxMs} ms, {result.MethodsCompiled} methods compiled in {result.CompilingMs} ms{(within ? "" : "  OUTSIDE")}");
                }
            }
        }
        finally
        {
            BenchmarkOutput.Progress($"stopping the silo");
            await silo.DisposeAsync();
        }

        BenchmarkOutput.Result(new FidelityResult
        {
            LatencyMs = latencyMs,
            BandwidthMbps = bandwidthMbps,
            TimeScale = timeScale,
            TolerancePercent = tolerancePercent,
            Cases = cases,
            WithinTarget = cases.All(c => c.Within),
            Machine = MachineInfo.Current(),
            TotalWallSeconds = BenchmarkOutput.Round(total.Elapsed.TotalSeconds),
        });
        return 0;
    }

    /// <summary>
    /// Starts an idle run of one full-mesh subnet, submits <paramref name="count"/> artifacts at its first node one
    /// after another through the run (each once every node holds the previous one and the links are quiet again), stops
    /// the run and reads, from the nodes' logs, how long each artifact took to reach the last node.
    /// </summary>
    private static async Task<Measurement> MeasureAsync(EmbeddedSilo silo, int nodes, int size, double latencyMs, double bandwidthMbps, double timeScale, int count)
    {
        var runId = string.Create(CultureInfo.InvariantCulture, $"bench-fidelity-{nodes}-{size}-{DateTime.UtcNow:yyyyMMddHHmmssfff}");
        var subnet = new SubnetSpec
        {
            Id = "s0",
            Nodes = nodes,
            Link = new LinkSpec { Model = "constant", LatencyMs = latencyMs },
            BandwidthMbps = bandwidthMbps,
        };
        var scenario = new ScenarioSpec
        {
            Name = "bench-fidelity",
            Protocol = GossipProtocol.AdvertGossip.WireName(),
            TimeScale = timeScale,
            DurationSeconds = 3600,
            DrainSeconds = 0,
            Subnets = [subnet],
            Workload = new WorkloadSpec(),
        };
        var run = silo.Grains.GetGrain<IRunGrain>(runId);
        await run.StartAsync(scenario);
        var plan = SubnetPlan.From(subnet);
        var grains = plan.Nodes.Select(node => silo.Grains.GetNode(runId, node)).ToList();

        var submitted = new List<ArtifactId>();
        for (var i = 0; i < count; i++)
        {
            var artifact = await run.SubmitArtifactAsync(plan.Nodes[0], ArtifactKind.Ingress, size, content: null, attribute: 3_600_000);
            var id = Hash128.TryParse(artifact.Artifact, out var hash)
                ? new ArtifactId(hash)
                : throw new InvalidOperationException($"the run answered '{artifact.Artifact}' for an artifact id");
            submitted.Add(id);
            await WaitUntilAllHoldAsync(grains, id);
            await Task.Delay(Settle * timeScale);
        }

        await run.StopAsync();
        var report = await WaitForReportAsync(run);
        var logs = await Task.WhenAll(grains.Select(g => g.GetRunLogAsync()));
        var made = logs[0].Created.ToDictionary(c => c.Artifact, c => c.AtMs);
        var took = submitted
            .Select(a => logs.Skip(1).Max(log => log.Deliveries.First(d => d.Artifact == a).AtMs) - made[a])
            .Order()
            .ToList();
        // The wire sizes of an artifact's messages depend on its kind and size alone: one of the same makes the model.
        var like = Artifact.Create(ArtifactKind.Ingress, attribute: 3_600_000, origin: plan.Nodes[0].Value, sequence: 1, ArtifactBody.Synthetic(size, 1));
        var model = new FidelityModel(nodes, like, latencyMs, bandwidthMbps);
        return new Measurement(model.ExpectedMs, took[took.Count / 2], took[0], took[^1], report.Host.Slowdown);
    }

    private static async Task WaitUntilAllHoldAsync(IReadOnlyList<INodeGrain> grains, ArtifactId artifact)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var held = await Task.WhenAll(grains.Select(g => g.HasArtifactAsync(artifact)));
            if (held.All(h => h))
            {
                return;
            }

            if (waited.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException($"artifact {artifact} reached {held.Count(h => h)} of {grains.Count} nodes in 2 minutes");
            }

            await Task.Delay(20);
        }
    }

    private static async Task<Abstractions.Reports.RunReport> WaitForReportAsync(IRunGrain run)
    {
        while (true)
        {
            var progress = await run.GetProgressAsync();
            if (progress.Phase == RunPhase.Failed)
            {
                throw new InvalidOperationException($"the fidelity run failed: {progress.Error}");
            }

            if (progress.Phase == RunPhase.Completed)
            {
                return await run.GetReportAsync() ?? throw new InvalidOperationException("the fidelity run completed without a report");
            }

            await Task.Delay(100);
        }
    }

    private static List<int> ParseList(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => int.Parse(part, NumberStyles.Integer, CultureInfo.InvariantCulture))
            .ToList();

    private sealed record Measurement(double ExpectedMs, double MedianMs, double MinMs, double MaxMs, double Slowdown);
}
