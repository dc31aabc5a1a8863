using System.CommandLine;
using System.Globalization;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Reports;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Silo.Hosting;
using OrleansGossip.Silo.Reports;
using Spectre.Console;

namespace OrleansGossip.Silo.Commands;

/// <summary>
/// <c>run &lt;scenario&gt; --out &lt;dir&gt;</c>: runs a scenario file on an embedded silo and writes its report and its event
/// log (<see cref="EventLog"/>); with <c>--replay &lt;events.jsonl&gt;</c>, lands an earlier run's events again.
/// </summary>
public static class RunCommand
{
    internal static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public static Command Create()
    {
        var scenario = new Argument<FileInfo>("scenario") { Description = "The scenario file (JSON)." };
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = $"Folder for report.json, artifacts.csv, report.html and {EventLog.FileName} (created if missing).", DefaultValueFactory = _ => new DirectoryInfo("out") };
        var protocol = new Option<string?>("--protocol", "-p") { Description = $"Overrides the scenario's protocol: {GossipProtocols.Names}." };
        var seed = new Option<ulong?>("--seed") { Description = "Overrides the scenario's seed." };
        var timeScale = new Option<double?>("--time-scale") { Description = "Overrides the scenario's time scale: the pace, in wall seconds per emulated second at least; 0 for unpaced (as fast as the machine allows). The figures do not depend on it." };
        var priorities = new Option<string?>("--priorities") { Description = "Overrides whether nodes classify adverts by priority: on or off." };
        priorities.AcceptOnlyFromAmong("on", "off");
        var replay = new Option<FileInfo?>("--replay") { Description = $"An earlier run's {EventLog.FileName}: its faults, behaviours and submissions land again at their emulated times, so that the same scenario and seed give that run's report." };

        var command = new Command("run", "Run a scenario on an embedded single silo and write its report.") { scenario, output, protocol, seed, timeScale, priorities, replay };
        command.SetAction((parse, cancellation) => ExecuteAsync(
            parse.GetRequiredValue(scenario),
            parse.GetRequiredValue(output),
            parse.GetValue(protocol),
            parse.GetValue(seed),
            parse.GetValue(timeScale),
            parse.GetValue(priorities) is { } p ? p == "on" : null,
            parse.GetValue(replay),
            cancellation));
        return command;
    }

    public static async Task<int> ExecuteAsync(
        FileInfo file, DirectoryInfo output, string? protocol, ulong? seed, double? timeScale, bool? priorities, FileInfo? replayFile, CancellationToken cancellation)
    {
        var console = AnsiConsole.Console;
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = Math.Max(console.Profile.Width, 160);
        }

        ScenarioSpec scenario;
        try
        {
            scenario = ApplyOverrides(ScenarioLoader.LoadFile(file.FullName), protocol, seed, timeScale, file.FullName, priorities);
        }
        catch (ScenarioException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 2;
        }

        IReadOnlyList<RunEvent>? replay = null;
        if (replayFile is not null)
        {
            try
            {
                replay = EventLog.Read(replayFile.FullName);
            }
            catch (EventLogException e)
            {
                await Console.Error.WriteLineAsync($"error: --replay: {e.Message}");
                return 2;
            }
        }

        var pace = ReportFormat.Pace(scenario.TimeScale);
        var replaying = replay is null ? "" : $", replaying {replay.Count} events of {Markup.Escape(replayFile!.FullName)}";
        console.MarkupLine($"Running [bold]{Markup.Escape(scenario.Name)}[/] with [bold]{Markup.Escape(scenario.Protocol)}[/], seed {scenario.Seed}, {pace}{replaying} on an embedded silo…");
        await using var silo = await EmbeddedSilo.StartAsync(cancellationToken: cancellation);
        var runId = NewRunId(scenario);
        var run = silo.Grains.GetGrain<IRunGrain>(runId);
        RunReport? report;
        try
        {
            report = await RunToCompletionAsync(run, scenario, new ProgressLine(Console.Out, !Console.IsOutputRedirected), cancellation, replay);
        }
        catch (ScenarioException e)
        {
            // The run refused what it was given (the replayed events, say) before anything started.
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 2;
        }

        if (report is null)
        {
            return await FailedAsync(run);
        }

        // Written whole even after Ctrl+C: a run stopped early is reported as far as it went.
        var files = await WriteRunFilesAsync(run, report, output.FullName);
        SummaryTable.Write(console, report);
        foreach (var written in files)
        {
            console.MarkupLine($"Wrote [link]{Markup.Escape(written)}[/]");
        }

        return report.StoppedAtSeconds is null ? 0 : 130;
    }

    /// <summary>A run id of the scenario's name and protocol and the time it starts, to the millisecond.</summary>
    public static string NewRunId(ScenarioSpec scenario) =>
        string.Create(CultureInfo.InvariantCulture, $"{scenario.Name}-{scenario.Protocol}-{DateTime.UtcNow:yyyyMMddHHmmssfff}");

    /// <summary>
    /// Starts the run (landing <paramref name="replay"/>'s events again, when given) and shows its progress until it
    /// completes (or fails); returns its report. Cancelling stops the run.
    /// </summary>
    public static async Task<RunReport?> RunToCompletionAsync(
        IRunGrain run, ScenarioSpec scenario, ProgressLine progressLine, CancellationToken cancellation, IReadOnlyList<RunEvent>? replay = null)
    {
        await run.StartAsync(scenario, replay);
        return await FollowToCompletionAsync(run, progressLine, cancellation);
    }

    /// <summary>Shows a started run's progress until it completes (or fails); returns its report. Cancelling stops the run.</summary>
    public static async Task<RunReport?> FollowToCompletionAsync(IRunGrain run, ProgressLine progressLine, CancellationToken cancellation)
    {
        using var stopOnCancel = cancellation.Register(() => _ = run.StopAsync());
        while (true)
        {
            await Task.Delay(PollInterval, CancellationToken.None);
            var progress = await run.GetProgressAsync();
            progressLine.Show(progress);
            if (progress.Phase is RunPhase.Completed or RunPhase.Failed)
            {
                progressLine.Finish();
                return progress.Phase == RunPhase.Completed ? await run.GetReportAsync() : null;
            }
        }
    }

    /// <summary>
    /// Writes a completed run's files into <paramref name="directory"/>: its report (<see cref="ReportWriter"/>) and its
    /// event log (<see cref="EventLog"/>), with its artifact rows when the caller read them already; returns the files
    /// written. Not cancellable: a run stopped early is written whole.
    /// </summary>
    public static async Task<IReadOnlyList<string>> WriteRunFilesAsync(IRunGrain run, RunReport report, string directory, IReadOnlyList<ArtifactRow>? rows = null)
    {
        rows ??= await run.GetArtifactRowsAsync();
        var files = new List<string>(await ReportWriter.WriteAsync(report, rows, directory, CancellationToken.None));
        files.Add(await EventLog.WriteAsync(await run.GetEventsAsync(), directory, CancellationToken.None));
        return files;
    }

    /// <summary>What a command says of a run that ended without a report, and its exit code: 1, with the run's error.</summary>
    public static async Task<int> FailedAsync(IRunGrain run)
    {
        var progress = await run.GetProgressAsync();
        await Console.Error.WriteLineAsync($"error: run {progress.RunId} failed: {progress.Error ?? "no report"}");
        return 1;
    }

    /// <summary>The scenario with the command line's overrides, validated again; problems name the option that caused them.</summary>
    public static ScenarioSpec ApplyOverrides(ScenarioSpec scenario, string? protocol, ulong? seed, double? timeScale, string source, bool? priorities = null)
    {
        var result = scenario with
        {
            Protocol = protocol ?? scenario.Protocol,
            Seed = seed ?? scenario.Seed,
            TimeScale = timeScale ?? scenario.TimeScale,
            Priorities = priorities ?? scenario.Priorities,
        };
        var problems = ScenarioValidator.Validate(result);
        if (problems.Count > 0)
        {
            var named = problems.Select(p => p with { Path = p.Path switch
            {
                "$.protocol" when protocol is not null => "--protocol",
                "$.timeScale" when timeScale is not null => "--time-scale",
                _ => p.Path,
            } }).ToList();
            throw new ScenarioException(source, named);
        }

        return result;
    }
}
