using System.CommandLine;
using System.Globalization;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Silo.Hosting;
using OrleansGossip.Silo.Reports;
using OrleansGossip.Silo.Reports.Comparison;
using Spectre.Console;

namespace OrleansGossip.Silo.Commands;

/// <summary>
/// <c>compare &lt;scenario&gt; --protocols a,b --out &lt;dir&gt;</c>: runs one scenario and seed under each protocol, one
/// after another on one embedded silo, writes each run's files into <c>&lt;dir&gt;/&lt;protocol&gt;/</c> and the comparison
/// (<c>comparison.json</c>, <c>comparison.html</c>) into <c>&lt;dir&gt;</c>, and prints the comparison as a table.
/// </summary>
public static class CompareCommand
{
    public static readonly string DefaultProtocols = $"{GossipProtocol.AdvertGossip.WireName()},{GossipProtocol.Flooding.WireName()}";

    public static Command Create()
    {
        var scenario = new Argument<FileInfo>("scenario") { Description = "The scenario file (JSON)." };
        var protocols = new Option<string>("--protocols", "-p") { Description = $"Comma-separated protocols to compare, each once: {GossipProtocols.Names}.", DefaultValueFactory = _ => DefaultProtocols };
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Folder for the comparison and a subfolder per protocol (created if missing).", DefaultValueFactory = _ => new DirectoryInfo("out") };
        var seed = new Option<ulong?>("--seed") { Description = "Overrides the scenario's seed." };
        var timeScale = new Option<double?>("--time-scale") { Description = "Overrides the scenario's time scale: the pace, in wall seconds per emulated second at least; 0 for unpaced (as fast as the machine allows). The figures do not depend on it." };

        var command = new Command("compare", "Run a scenario under several protocols with the same seed and compare their figures.") { scenario, protocols, output, seed, timeScale };
        command.SetAction((parse, cancellation) => ExecuteAsync(
            parse.GetRequiredValue(scenario),
            parse.GetRequiredValue(protocols),
            parse.GetRequiredValue(output),
            parse.GetValue(seed),
            parse.GetValue(timeScale),
            cancellation));
        return command;
    }

    public static async Task<int> ExecuteAsync(FileInfo file, string protocols, DirectoryInfo output, ulong? seed, double? timeScale, CancellationToken cancellation)
    {
        var console = AnsiConsole.Console;
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = Math.Max(console.Profile.Width, 160);
        }

        if (!TryParseProtocols(protocols, out var names, out var problem))
        {
            await Console.Error.WriteLineAsync($"error: --protocols: {problem}");
            return 2;
        }

        ScenarioSpec scenario;
        try
        {
            scenario = RunCommand.ApplyOverrides(ScenarioLoader.LoadFile(file.FullName), names[0], seed, timeScale, file.FullName);
        }
        catch (ScenarioException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 2;
        }

        var pace = ReportFormat.Pace(scenario.TimeScale);
        console.MarkupLine($"Comparing [bold]{Markup.Escape(string.Join(", ", names))}[/] on [bold]{Markup.Escape(scenario.Name)}[/], seed {scenario.Seed}, {pace} on an embedded silo…");
        await using var silo = await EmbeddedSilo.StartAsync(cancellationToken: cancellation);
        var runs = new List<ProtocolRun>();
        var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        for (var i = 0; i < names.Count; i++)
        {
            var protocol = names[i];
            var underProtocol = scenario with { Protocol = protocol };
            console.MarkupLine($"[bold][[{i + 1}/{names.Count}]] {Markup.Escape(protocol)}[/]");
            var runId = $"{scenario.Name}-{protocol}-{stamp}";
            var run = silo.Grains.GetGrain<IRunGrain>(runId);
            var report = await RunCommand.RunToCompletionAsync(run, underProtocol, new ProgressLine(Console.Out, !Console.IsOutputRedirected), cancellation);
            if (report is null)
            {
                return await RunCommand.FailedAsync(run);
            }

            var rows = await run.GetArtifactRowsAsync();
            var folder = Path.Combine(output.FullName, protocol);
            await RunCommand.WriteRunFilesAsync(run, report, folder, rows);
            runs.Add(new ProtocolRun(protocol, report, rows, protocol));
            if (cancellation.IsCancellationRequested)
            {
                break;
            }
        }

        var comparison = ComparisonBuilder.Build(runs);
        var files = await ComparisonWriter.WriteAsync(comparison, runs, output.FullName, CancellationToken.None);
        ComparisonTable.Write(console, comparison);
        foreach (var written in files)
        {
            console.MarkupLine($"Wrote [link]{Markup.Escape(written)}[/]");
        }

        foreach (var run in runs)
        {
            console.MarkupLine($"Wrote {Markup.Escape(run.Protocol)}'s report.json, artifacts.csv, report.html and {EventLog.FileName} in [link]{Markup.Escape(Path.Combine(output.FullName, run.Folder))}[/]");
        }

        var stopped = runs.Where(r => r.Report.StoppedAtSeconds is not null).ToList();
        foreach (var run in stopped)
        {
            console.MarkupLine(CultureInfo.InvariantCulture, "[yellow]Warning:[/] {0}'s run was stopped early, at {1:0.#} emulated s: its figures are not like for like with the others'.", Markup.Escape(run.Protocol), run.Report.StoppedAtSeconds!.Value);
        }

        return stopped.Count == 0 && runs.Count == names.Count ? 0 : 130;
    }

    /// <summary>Reads a comma-separated list of protocol names into their wire names: each known, none twice, at least one.</summary>
    public static bool TryParseProtocols(string text, out IReadOnlyList<string> names, out string? problem)
    {
        var parsed = new List<string>();
        names = parsed;
        problem = null;
        foreach (var name in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!GossipProtocols.TryParse(name, out var protocol))
            {
                problem = $"unknown protocol '{name}'; known protocols: {GossipProtocols.Names}";
                return false;
            }

            if (parsed.Contains(protocol.WireName()))
            {
                problem = $"protocol '{protocol.WireName()}' is named twice";
                return false;
            }

            parsed.Add(protocol.WireName());
        }

        if (parsed.Count == 0)
        {
            problem = $"name at least one protocol: {GossipProtocols.Names}";
            return false;
        }

        return true;
    }
}
