using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using OrleansGossip.Abstractions.Reports;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Abstractions.Scenarios;

namespace OrleansGossip.Silo.Commands;

/// <summary>
/// A few seconds of a scenario run before the measured run (<c>run</c>, <c>compare</c>, <c>silo --run</c>), on the same
/// silo or cluster, and in no report: <see cref="WarmUpScenario"/>'s cut, as a <see cref="RunKind.WarmUp"/> run that no
/// run list shows, which the measured run makes itself when started with a warm-up (<see cref="IRunGrain.StartAsync"/>,
/// as the HTTP API's <c>?warmup=</c> does); this starts it so and shows it on the console. The runtime compiles code
/// first quickly and again, optimized, once it has run a while, and a silo's first activations cost more than later
/// ones, so the first emulated second of a fresh silo's first run came late (the quickstart's lag p99 in it read 5.5 to
/// 12 ms against the 10 ms warning, 0.6 to 1.1 ms after a warm-up) where the rest of the run kept time; and of the runs
/// <c>compare</c> makes one after another, only the first paid for it.
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
        WarmUpScenario.IsAllowed(seconds) ? null : string.Create(CultureInfo.InvariantCulture, $"--warmup must be from 0 to {WarmUpScenario.MaxSeconds} seconds, not {seconds}");

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
    /// Starts <paramref name="run"/> of <paramref name="scenario"/> after a warm-up of <paramref name="seconds"/> (0 for
    /// none), which the run makes itself (<see cref="IRunGrain.StartAsync"/>), and shows the warm-up's progress, then the
    /// run's, until the run completes or fails: returns its report, or null when it failed, or was stopped during its
    /// warm-up (<paramref name="cancellation"/> stops it). A warm-up that fails is reported and does not stop the run.
    /// </summary>
    public static async Task<RunReport?> RunAfterAsync(
        IGrainFactory grains, IRunGrain run, ScenarioSpec scenario, double seconds, TextWriter console, CancellationToken cancellation)
    {
        var interactive = !Console.IsOutputRedirected;
        var started = await run.StartAsync(scenario, RunKind.Measured, seconds);
        if (seconds > 0)
        {
            await FollowAsync(grains, run, scenario, seconds, started, new ProgressLine(console, interactive), console, cancellation);
        }

        return await RunCommand.FollowToCompletionAsync(run, new ProgressLine(console, interactive), cancellation);
    }

    /// <summary>Shows the warm-up of a run just started until the run begins, and then how the warm-up went.</summary>
    private static async Task FollowAsync(
        IGrainFactory grains, IRunGrain run, ScenarioSpec scenario, double seconds, RunProgress started, ProgressLine progressLine, TextWriter console, CancellationToken cancellation)
    {
        if (started.Phase != RunPhase.WarmingUp)
        {
            WarmUpScenario.For(scenario, seconds, out var problem);
            await console.WriteLineAsync($"No warm-up: the scenario cut down for it is not valid ({problem}).");
            return;
        }

        var warmUpSubnets = WarmUpScenario.Of(scenario, seconds).Subnets.Count;
        var subnets = warmUpSubnets == scenario.Subnets.Count ? "its" : $"{warmUpSubnets} of its {scenario.Subnets.Count}";
        await console.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Warming up: {seconds} s of {scenario.Protocol} on {subnets} subnets at time scale 1, in no report…"));
        var warmUp = grains.GetGrain<IRunGrain>((await run.GetStatusAsync()).WarmUpRunId!);
        var took = Stopwatch.StartNew();
        using var stopOnCancel = cancellation.Register(() => _ = run.StopAsync());
        while ((await run.GetProgressAsync()).Phase == RunPhase.WarmingUp)
        {
            progressLine.Show(await warmUp.GetProgressAsync());
            await Task.Delay(RunCommand.PollInterval, CancellationToken.None);
        }

        progressLine.Finish();
        if (cancellation.IsCancellationRequested)
        {
            return; // The run was stopped during its warm-up: the command says so.
        }

        var progress = await warmUp.GetProgressAsync();
        await console.WriteLineAsync(progress.Phase == RunPhase.Completed
            ? string.Create(CultureInfo.InvariantCulture, $"Warmed up in {took.Elapsed.TotalSeconds:F1} wall s; the measured run:")
            : $"The warm-up run failed ({progress.Error ?? "no report"}); going on without it.");
    }
}
