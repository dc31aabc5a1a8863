using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Abstractions.Scenarios;

namespace OrleansGossip.Silo.Commands;

/// <summary>
/// A few seconds of a scenario run before the measured run (<c>run</c>, <c>compare</c>, <c>silo --run</c>), on the same
/// silo or cluster, and in no report: <see cref="WarmUpScenario"/>, as a <see cref="RunKind.WarmUp"/> run that no run
/// list shows. The runtime compiles code first quickly and again, optimized, once it has run a while, and a silo's first
/// activations cost more than later ones, so the first emulated second of a fresh silo's first run came late (the
/// quickstart's lag p99 in it read 5.5 to 12 ms against the 10 ms warning, 0.6 to 1.1 ms after a warm-up) where the
/// rest of the run kept time; and of the runs <c>compare</c> makes one after another, only the first paid for it.
/// (<c>serve</c>, whose runs come later, warms up with every protocol instead: <see cref="Hosting.SiloWarmUp"/>.)
/// </summary>
public static class WarmUpRun
{
    public const double DefaultSeconds = 3;

    /// <summary>What the commands that warm up say when stopped before any measured run began.</summary>
    public const string StoppedMessage = "Stopped during the warm-up; nothing was measured.";

    /// <summary><c>--warmup &lt;s&gt;</c>, by default described as <c>run</c> and <c>compare</c> use it.</summary>
    public static Option<double> CreateOption(string? description = null) => new("--warmup")
    {
        Description = description ?? $"Emulated seconds of a warm-up run (time scale 1, at most {WarmUpScenario.MaxSubnets} of the scenario's subnets, no faults, in no report) before each measured run; 0 for none.",
        DefaultValueFactory = _ => DefaultSeconds,
    };

    /// <summary>The problem with <paramref name="seconds"/> as a warm-up's length, or null when it will do.</summary>
    public static string? Check(double seconds) =>
        seconds is >= 0 and <= WarmUpScenario.MaxSeconds ? null : string.Create(CultureInfo.InvariantCulture, $"--warmup must be from 0 to {WarmUpScenario.MaxSeconds} seconds, not {seconds}");

    /// <summary>
    /// Whether a command must refuse <paramref name="seconds"/> (<see cref="Check"/>); when it must, the problem has been
    /// written to the error stream, and the command exits with code 2.
    /// </summary>
    public static bool IsRefused(double seconds)
    {
        if (Check(seconds) is not { } problem)
        {
            return false;
        }

        Console.Error.WriteLine($"error: {problem}");
        return true;
    }

    /// <summary>
    /// Runs the warm-up of <paramref name="scenario"/> to its end on the silo behind <paramref name="grains"/>, showing
    /// its progress; does nothing for 0 seconds. A warm-up that fails is reported and does not stop the measured run.
    /// </summary>
    public static async Task RunAsync(IGrainFactory grains, ScenarioSpec scenario, double seconds, TextWriter console, CancellationToken cancellation)
    {
        if (seconds <= 0 || cancellation.IsCancellationRequested)
        {
            return;
        }

        var warmUp = WarmUpScenario.Of(scenario, seconds);
        if (ScenarioValidator.Validate(warmUp) is { Count: > 0 } problems)
        {
            await console.WriteLineAsync($"No warm-up: the scenario cut down for it is not valid ({problems[0].Path}: {problems[0].Message}).");
            return;
        }

        var subnets = warmUp.Subnets.Count == scenario.Subnets.Count ? "its" : $"{warmUp.Subnets.Count} of its {scenario.Subnets.Count}";
        await console.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Warming up: {seconds} s of {scenario.Protocol} on {subnets} subnets at time scale 1, in no report…"));
        var run = grains.GetGrain<IRunGrain>(RunCommand.NewRunId(warmUp));
        var took = Stopwatch.StartNew();
        var report = await RunCommand.RunToCompletionAsync(run, warmUp, new ProgressLine(console, !Console.IsOutputRedirected), cancellation, RunKind.WarmUp);
        if (report is null)
        {
            var progress = await run.GetProgressAsync();
            await console.WriteLineAsync($"The warm-up run failed ({progress.Error ?? "no report"}); going on without it.");
            return;
        }

        await console.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Warmed up in {took.Elapsed.TotalSeconds:F1} wall s; the measured run:"));
    }
}
