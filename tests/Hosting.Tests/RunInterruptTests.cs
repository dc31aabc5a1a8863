using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansGossip.Abstractions.Reports;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Hosting.Tests.Servers;
using OrleansGossip.Silo.Reports;
using OrleansGossip.Tests.Shared;
using Xunit;

namespace OrleansGossip.Hosting.Tests;

/// <summary>
/// A signal to stop in the middle of a run that <c>run</c> or <c>silo --run</c> drives, sent to the command in a process
/// of its own: SIGTERM, which takes the path Ctrl+C does (see <see cref="ServerProcess.Terminate"/>).
/// </summary>
public sealed partial class RunInterruptTests
{
    [Theory]
    [InlineData("run")]
    [InlineData("silo")]
    public async Task A_signal_to_stop_stops_the_run_and_its_report_says_how_far_it_went(string commandName)
    {
        using var folder = new TempFolder("interrupt");

        // The progress line, redirected, comes every 2 wall seconds, at whatever tenth of an emulated second the run is.
        var output = await InterruptAsync(commandName, folder, after: printed => ProgressSeconds(printed) >= 1.5, "a progress line 1.5 s in");

        Assert.Contains("Stopped early", output, StringComparison.Ordinal);
        await using var json = File.OpenRead(folder.Path(ReportWriter.JsonFileName));
        var report = await JsonSerializer.DeserializeAsync<RunReport>(json, ScenarioLoader.JsonOptions, TestContext.Current.CancellationToken);
        Assert.NotNull(report);
        Assert.NotNull(report.StoppedAtSeconds);
        Assert.InRange(report.StoppedAtSeconds.Value, 1.45, report.DurationSeconds - 0.1);
        Assert.True(File.Exists(folder.Path(EventLog.FileName)), $"no {EventLog.FileName} beside the report of a run stopped early");

        // The nodes went on delivering until the stop: the silo did not stop under the run.
        var kinds = report.Subnets.SelectMany(s => s.Kinds).ToList();
        var made = kinds.Sum(k => k.Artifacts);
        Assert.True(report.Emulator.Deliveries >= made * 12 * 0.5, $"{report.Emulator.Deliveries} deliveries for {made} artifacts on 13 nodes");
    }

    /// <summary>
    /// Starts <c>run</c>, or <c>silo --run</c> on a cluster of that one silo, on the quickstart, stops it once what it
    /// printed satisfies <paramref name="after"/> (<paramref name="what"/>), and returns what it printed; it must exit
    /// with code 130.
    /// </summary>
    private static async Task<string> InterruptAsync(string commandName, TempFolder folder, Func<string, bool> after, string what)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "OrleansGossip.Silo.dll");
        var scenario = RepositoryFiles.Path("scenarios", "quickstart.json");
        var siloPort = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        string[] arguments = commandName == "run"
            ? [dll, "run", scenario]
            : [dll, "silo", "--name", "interrupt", "--port", siloPort, "--primary-port", siloPort,
               "--gateway-port", FreePort.Next().ToString(CultureInfo.InvariantCulture), "--insecure", "--run", scenario, "--silos", "1"];
        using var command = ServerProcess.Start(commandName, "dotnet",
            [.. arguments, "--out", folder.FullName],
            workingDirectory: AppContext.BaseDirectory,
            environment: new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Production" });
        await command.WaitForOutputAsync(after, what, TimeSpan.FromSeconds(120));
        command.Terminate();
        var exitCode = await command.WaitForExitAsync(TimeSpan.FromSeconds(90));

        Assert.True(exitCode == 130, $"exit code {exitCode}:\n{command.Output}");
        return command.Output;
    }

    /// <summary>The emulated time the last progress line printed so far shows (<c>t=1.9/20s</c>), or -1 before the first.</summary>
    private static double ProgressSeconds(string output) =>
        ProgressTime().Matches(output) is { Count: > 0 } lines
            ? double.Parse(lines[^1].Groups[1].Value, CultureInfo.InvariantCulture)
            : -1;

    [GeneratedRegex(@"t=(\d+\.\d)/")]
    private static partial Regex ProgressTime();
}
