using System.Text.Json;
using OrleansGossip.Abstractions.Reports;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Silo.Commands;
using OrleansGossip.Silo.Reports;
using OrleansGossip.Tests.Shared;
using Xunit;

namespace OrleansGossip.Grains.Tests.Reports;

/// <summary>The <c>run</c> command end to end, through the command line, on an embedded silo: unpaced runs, event logs and replays.</summary>
public sealed class RunCommandTests : IDisposable
{
    private const string Scenario = """
        {
          "name": "tiny-run",
          "seed": 5,
          "protocol": "advert-gossip",
          "timeScale": 1,
          "durationSeconds": 2,
          "drainSeconds": 2,
          "subnets": [ { "id": "app", "nodes": 4, "link": { "latencyMs": 10 }, "bandwidthMbps": 300 } ],
          "workload": { "ingress": { "ratePerSecond": 20, "sizeBytes": 1024 } }
        }
        """;

    private readonly TempFolder _folder = new("run");

    [Fact]
    public async Task An_unpaced_run_writes_its_report_and_an_empty_event_log_when_nothing_came_in()
    {
        var output = _folder.Path("unpaced");

        var exitCode = await RunAsync("run", await ScenarioFileAsync(), "--out", output, "--time-scale", "0");

        Assert.Equal(0, exitCode);
        var report = await ReportAsync(output);
        Assert.Equal(0, report.Host.TimeScale);
        Assert.True(report.Emulator.Deliveries > 0, "the run delivered nothing");
        Assert.True(report.Host.WallSeconds > 0, $"{report.Host.WallSeconds} wall s");
        var events = Path.Combine(output, EventLog.FileName);
        Assert.True(File.Exists(events), $"{EventLog.FileName} is missing");
        Assert.Equal("", await File.ReadAllTextAsync(events, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_replayed_fault_lands_at_its_emulated_time_and_two_replays_report_alike()
    {
        var scenario = await ScenarioFileAsync();
        var log = _folder.Path("crash.jsonl");
        await File.WriteAllTextAsync(
            log,
            EventLog.Format([new FaultRunEvent { AtMs = 1_000, Fault = new FaultSpec { Kind = "crash", Subnet = "app", Nodes = [3] } }]),
            TestContext.Current.CancellationToken);

        Assert.Equal(0, await RunAsync("run", scenario, "--out", _folder.Path("first"), "--time-scale", "0", "--replay", log));
        Assert.Equal(0, await RunAsync("run", scenario, "--out", _folder.Path("second"), "--time-scale", "0", "--replay", log));

        var first = await ReportAsync(_folder.Path("first"));
        var second = await ReportAsync(_folder.Path("second"));
        var crash = Assert.Single(first.Faults, f => f.Kind == "crash");
        Assert.Equal(1, crash.AtSeconds, precision: 6);
        Assert.Equal(Figures(first), Figures(second));
    }

    [Fact]
    public async Task A_bad_line_in_the_event_log_to_replay_is_refused_before_anything_runs()
    {
        var log = _folder.Path("bad.jsonl");
        await File.WriteAllTextAsync(
            log,
            EventLog.Format([new BehaviourRunEvent { AtMs = 100, Subnet = "app", Node = 1, Behaviour = "withhold" }]) + "{\"kind\":\"meteor\",\"atMs\":5}\n",
            TestContext.Current.CancellationToken);
        var output = _folder.Path("refused");

        Assert.Equal(2, await RunAsync("run", await ScenarioFileAsync(), "--out", output, "--replay", log));
        Assert.Equal(2, await RunAsync("run", await ScenarioFileAsync(), "--out", output, "--replay", _folder.Path("absent.jsonl")));

        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void An_event_log_has_a_line_per_event_and_reads_back_as_written()
    {
        RunEvent[] events =
        [
            new FaultRunEvent { AtMs = 1_000, Fault = new FaultSpec { Kind = "partition", Subnet = "app", Groups = [[0, 1], [2, 3]] } },
            new BehaviourRunEvent { AtMs = 1_500.5, Subnet = "app", Node = 2, Behaviour = "slow", Fraction = 0.25 },
            new SubmissionRunEvent { AtMs = 2_000, Node = "app-n1", ArtifactKind = "ingress", Size = 2_048, Attribute = 300_000 },
        ];

        var text = EventLog.Format(events);
        var read = EventLog.Parse(new StringReader(text + "\n"), "events.jsonl");

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("{\"kind\":\"fault\",", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"atMs\":1000", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("{\"kind\":\"behaviour\",", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("{\"kind\":\"submission\",", lines[2], StringComparison.Ordinal);
        Assert.Equal(text, EventLog.Format(read));
        Assert.Equal(events[1], read[1]);
        Assert.Equal("", EventLog.Format([]));
    }

    [Theory]
    [InlineData("{\"kind\":\"meteor\",\"atMs\":5}", "events.jsonl:2: ")]
    [InlineData("{\"atMs\":5}", "events.jsonl:2: not an event")]
    [InlineData("{\"kind\":\"fault\",\"atMs\":5,\"fault\":{\"kind\":\"crash\"},\"extra\":1}", "events.jsonl:2: ")]
    [InlineData("not json", "events.jsonl:2: ")]
    [InlineData("null", "events.jsonl:2: not an event (null)")]
    [InlineData("{\"kind\":\"fault\",\"atMs\":-1,\"fault\":{\"kind\":\"crash\"}}", "events.jsonl:2: atMs must be")]
    public void A_line_that_is_not_an_event_is_named_with_its_file_and_line(string line, string message)
    {
        var text = EventLog.Format([new FaultRunEvent { AtMs = 1, Fault = new FaultSpec { Kind = "heal" } }]) + line + "\n";

        var error = Assert.Throws<EventLogException>(() => EventLog.Parse(new StringReader(text), "events.jsonl"));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Line);
    }

    public void Dispose() => _folder.Dispose();

    private static Task<int> RunAsync(params string[] arguments) =>
        EmulatorCommandLine.Create().Parse(arguments).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

    private async Task<string> ScenarioFileAsync()
    {
        var path = _folder.Path("tiny.json");
        if (!File.Exists(path))
        {
            await File.WriteAllTextAsync(path, Scenario, TestContext.Current.CancellationToken);
        }

        return path;
    }

    private static async Task<RunReport> ReportAsync(string folder)
    {
        await using var json = File.OpenRead(Path.Combine(folder, ReportWriter.JsonFileName));
        return await JsonSerializer.DeserializeAsync<RunReport>(json, ScenarioLoader.JsonOptions, TestContext.Current.CancellationToken)
            ?? throw new InvalidOperationException("report.json is empty");
    }

    /// <summary>What a report says of the run, not of the machine that ran it or when: its subnets, the emulator's figures and the faults.</summary>
    private static string Figures(RunReport report) =>
        JsonSerializer.Serialize(new { report.Subnets, report.Emulator, report.Faults }, ScenarioLoader.JsonOptions);
}
