using System.Globalization;
using OrleansGossip.Benchmarks.Plots;
using OrleansGossip.Silo.Reports.Plots;
using Xunit;

namespace OrleansGossip.Bench.Tests;

public sealed class BenchmarkFiguresTests
{
    [Fact]
    public void Throughput_runs_give_delivered_against_offered_with_a_median_line_and_the_lagging_runs_marked()
    {
        var figures = BenchmarkFigures.From(Read(
            Throughput(rate: 300, delivered: 35_000, lag: 4, lagging: false),
            Throughput(rate: 900, delivered: 100_000, lag: 60, lagging: true),
            Throughput(rate: 500, delivered: 58_000, lag: 8, lagging: false),
            Throughput(rate: 500, delivered: 59_000, lag: 12, lagging: true),
            Throughput(rate: 500, delivered: 60_000, lag: 9, lagging: false)));

        Assert.Equal(["throughput-deliveries", "throughput-lag", "throughput-cpu"], figures.Select(f => f.Name));
        var deliveries = Assert.IsType<LineFigure>(figures[0]);

        // 300 ingress/s in each of 10 subnets reach 12 nodes each: 36 000 offered deliveries a second.
        Assert.Equal([(36.0, 36.0), (108.0, 108.0)], Series(deliveries, "offered").Points);
        Assert.Equal([(36.0, 35.0), (60.0, 59.0), (108.0, 100.0)], Series(deliveries, "delivered").Points);
        var each = Series(deliveries, "delivered, each run");
        Assert.Equal(PlotStyle.Dots, each.Style);
        Assert.Equal(5, each.Points.Count);

        var lag = Assert.IsType<LineFigure>(figures[1]);
        Assert.Equal([(36.0, 4.0), (60.0, 9.0), (108.0, 60.0)], Series(lag, "lag p99").Points);
        Assert.Equal([(108.0, 60.0), (60.0, 12.0)], Series(lag, "lagging runs").Points);
        Assert.Equal([(36.0, 10.0), (108.0, 10.0)], Series(lag, "lag warning (default)").Points); // Results that do not say.

        var cpu = Assert.IsType<LineFigure>(figures[2]);
        Assert.Equal([(36.0, 0.3), (60.0, 0.5), (108.0, 0.9)], Series(cpu, "process CPU").Points);
    }

    [Fact]
    public void The_line_through_two_runs_at_a_point_goes_halfway_between_them()
    {
        var figures = BenchmarkFigures.From(Read(
            Scale(subnets: 250, lag: 89.6, lagging: true, pauseShare: 0.04),
            Scale(subnets: 250, lag: 16.8, lagging: true, pauseShare: 0.03)));

        var lag = Assert.IsType<LineFigure>(figures.Single(f => f.Name == "scale-lag"));
        Assert.Equal([(250.0, 53.2)], lag.Series[0].Points.Select(p => (p.X, Math.Round(p.Y, 9))));
    }

    [Fact]
    public void A_setting_run_once_at_each_point_gets_no_dots_of_its_own()
    {
        var figures = BenchmarkFigures.From(Read(
            Scale(subnets: 200, lag: 6.2, lagging: false, pauseShare: 0.03),
            Scale(subnets: 300, lag: 12.4, lagging: true, pauseShare: 0.07)));

        var lag = Assert.IsType<LineFigure>(figures.Single(f => f.Name == "scale-lag"));
        Assert.Equal("Lag p99 against subnets (ic-app-subnet, time scale 10)", lag.Title);
        Assert.Equal(["lag p99", "lag warning", "lagging runs"], lag.Series.Select(s => s.Name));
        Assert.Equal([(200.0, 6.2), (300.0, 12.4)], lag.Series[0].Points);
        Assert.Equal([(200.0, 12.0), (300.0, 12.0)], lag.Series[1].Points); // As the results say.
        Assert.Equal([(300.0, 12.4)], lag.Series[2].Points);

        var pauses = Assert.IsType<LineFigure>(figures.Single(f => f.Name == "scale-gc"));
        Assert.True(pauses.YPercent);
        Assert.Equal([(200.0, 0.03), (300.0, 0.07)], Assert.Single(pauses.Series).Points);
    }

    [Fact]
    public void Runs_at_several_settings_get_a_series_each_named_by_what_tells_them_apart()
    {
        var figures = BenchmarkFigures.From(Read(
            Scale(subnets: 200, lag: 6.2, lagging: false, pauseShare: 0.03),
            Scale(subnets: 400, lag: 5.0, lagging: false, pauseShare: 0.04, timeScale: 20),
            Scale(subnets: 300, lag: 12.4, lagging: true, pauseShare: 0.07)));

        var lag = Assert.IsType<LineFigure>(figures.Single(f => f.Name == "scale-lag"));
        Assert.Equal(["time scale 10", "time scale 20", "lag warning", "lagging runs"], lag.Series.Select(s => s.Name));
        Assert.Equal([(200.0, 6.2), (300.0, 12.4)], lag.Series[0].Points);
        Assert.Equal([(400.0, 5.0)], lag.Series[1].Points);
    }

    [Fact]
    public void Lag_counted_at_the_scheduler_or_per_batch_and_with_the_collectors_pauses_left_out_are_settings_of_their_own()
    {
        const string perBatch = ",\"lagCountedAt\":\"node\"";
        var figures = BenchmarkFigures.From(Read(
            Scale(subnets: 200, lag: 6.2, lagging: false, pauseShare: 0.03, extra: ""),
            Scale(subnets: 200, lag: 19.8, lagging: true, pauseShare: 0.03),
            Scale(subnets: 200, lag: 8.9, lagging: false, pauseShare: 0.03, extra: ""","lagCountedAt":"node","lagCountedPer":"message","runLongTables":"native","collectorPausesExcludedSeconds":2.3"""),
            Scale(subnets: 200, lag: 12.8, lagging: true, pauseShare: 0.03, extra: perBatch),
            Throughput(rate: 500, delivered: 59_000, lag: 6.5, lagging: false, extra: perBatch),
            Throughput(rate: 500, delivered: 59_000, lag: 11, lagging: true)));

        // The lag counted per message in one figure, this version's defaults first; as it was counted before in another.
        var lag = Assert.IsType<LineFigure>(figures.Single(f => f.Name == "scale-lag"));
        Assert.Equal(["lag per message", "pauses left out", "lag warning", "lagging runs"], lag.Series.Select(s => s.Name));
        Assert.Equal([(200.0, 19.8)], lag.Series[0].Points);
        Assert.Equal([(200.0, 8.9)], lag.Series[1].Points);
        Assert.Equal([(200.0, 19.8)], lag.Series[3].Points);
        var before = Assert.IsType<LineFigure>(figures.Single(f => f.Name == "scale-lag-counted-before"));
        Assert.Equal("Lag p99 against subnets, counted as before (ic-app-subnet, time scale 10)", before.Title);
        Assert.Equal(["lag at the scheduler", "lag per batch", "lag warning", "lagging runs"], before.Series.Select(s => s.Name));
        Assert.Equal([(200.0, 6.2)], before.Series[0].Points);
        Assert.Equal([(200.0, 12.8)], before.Series[1].Points);
        Assert.Equal([(200.0, 12.8)], before.Series[3].Points);
        var throughput = Assert.IsType<LineFigure>(figures.Single(f => f.Name == "throughput-lag"));
        Assert.Equal(["10×13, 1 KiB, lag per batch", "10×13, 1 KiB"], throughput.Series.Take(2).Select(s => s.Name));
    }

    [Fact]
    public void Scale_runs_whose_nodes_kept_their_tables_on_the_pinned_heap_are_a_setting_of_their_own()
    {
        const string pinned = ",\"lagCountedAt\":\"node\",\"lagCountedPer\":\"message\"";
        var figures = BenchmarkFigures.From(Read(
            Scale(subnets: 200, lag: 24.8, lagging: true, pauseShare: 0.025, extra: pinned),
            Scale(subnets: 200, lag: 22.4, lagging: true, pauseShare: 0.024),
            Scale(subnets: 200, lag: 12.8, lagging: true, pauseShare: 0.03, extra: ",\"lagCountedAt\":\"node\""),

            // Results gave the tables' native memory before they said where the tables were.
            Scale(subnets: 200, lag: 16, lagging: true, pauseShare: 0.024, extra: pinned + ",\"runLongBytesPerNode\":112000")));

        var lag = Assert.IsType<LineFigure>(figures.Single(f => f.Name == "scale-lag"));
        Assert.Equal(
            ["lag per message", "lag per message, each run", "tables on the pinned heap", "lag warning", "lagging runs"],
            lag.Series.Select(s => s.Name));
        Assert.Equal([(200.0, 22.4), (200.0, 16.0)], lag.Series[1].Points);
        Assert.Equal([(200.0, 24.8)], lag.Series[2].Points);
    }

    [Fact]
    public void The_lag_over_run_time_is_drawn_for_this_versions_defaults_though_an_older_setting_has_more_runs()
    {
        const string pinned = ",\"lagCountedAt\":\"node\",\"lagCountedPer\":\"message\"";
        var figures = BenchmarkFigures.From(Read(
            Scale(subnets: 150, lag: 16, lagging: true, pauseShare: 0.02, extra: pinned + Timeline((0, 0.1, 16))),
            Scale(subnets: 200, lag: 25, lagging: true, pauseShare: 0.03, extra: pinned + Timeline((0, 0.1, 25))),
            Scale(subnets: 200, lag: 22, lagging: true, pauseShare: 0.03, extra: pinned + Timeline((0, 0.1, 22))),
            Scale(subnets: 150, lag: 7, lagging: false, pauseShare: 0.02, extra: ",\"lagCountedAt\":\"node\",\"lagCountedPer\":\"message\",\"runLongTables\":\"native\"" + Timeline((0, 0.1, 7)))));

        var timeline = Assert.IsType<LineFigure>(figures.Single(f => f.Name == "scale-lag-timeline"));
        Assert.Equal("Lag p99 over run time (ic-app-subnet, time scale 10, lag per message)", timeline.Title);
        Assert.Equal(["150 subnets", "lag warning"], timeline.Series.Select(s => s.Name));
        Assert.Equal([(0.05, 7.0)], timeline.Series[0].Points);
    }

    [Fact]
    public void Runs_with_the_segments_collector_or_another_delivery_tick_are_settings_of_their_own()
    {
        const string node = ",\"lagCountedAt\":\"node\",\"lagCountedPer\":\"message\",\"runLongTables\":\"native\"";
        var figures = BenchmarkFigures.From(Read(
            Scale(subnets: 200, lag: 23, lagging: true, pauseShare: 0.02),
            Scale(subnets: 200, lag: 27, lagging: true, pauseShare: 0.02, extra: node + ",\"machine\":{\"collector\":\"regions\"}"),
            Scale(subnets: 200, lag: 3.8, lagging: false, pauseShare: 0.015, extra: node + ",\"machine\":{\"collector\":\"segments\"}"),
            Scale(subnets: 250, lag: 20, lagging: true, pauseShare: 0.02, extra: node + ",\"deliveryTickMs\":5,\"machine\":{\"collector\":\"segments\"}"),
            Scale(subnets: 200, lag: 21, lagging: true, pauseShare: 0.02, extra: node + ",\"deliveryTickMs\":1,\"machine\":{\"collector\":\"segments\"}"),
            Throughput(rate: 900, delivered: 104_000, lag: 19, lagging: true),
            Throughput(rate: 900, delivered: 105_000, lag: 9, lagging: false, extra: node + ",\"machine\":{\"collector\":\"segments\"}")));

        var lag = Assert.IsType<LineFigure>(figures.Single(f => f.Name == "scale-lag"));
        // Results that do not name their collector ran the runtime's default, regions, as those that name it do.
        Assert.Equal(
            [
                "lag per message", "lag per message, each run", "segments collector", "segments collector, each run",
                "delivery tick 5 ms, segments collector", "lag warning", "lagging runs",
            ],
            lag.Series.Select(s => s.Name));
        Assert.Equal([(200.0, 25.0)], lag.Series[0].Points); // Halfway between its two runs.
        Assert.Equal([(200.0, 3.8), (200.0, 21.0)], lag.Series[3].Points);
        Assert.Equal([(250.0, 20.0)], lag.Series[4].Points);
        var throughput = Assert.IsType<LineFigure>(figures.Single(f => f.Name == "throughput-lag"));
        Assert.Equal([(108.0, 9.0)], throughput.Series.Single(s => s.Name == "10×13, 1 KiB, segments collector").Points);
    }

    [Fact]
    public void Runs_on_a_processor_named_by_its_family_are_a_setting_of_their_own_drawn_first()
    {
        const string node = ",\"lagCountedAt\":\"node\",\"lagCountedPer\":\"message\",\"runLongTables\":\"native\"";
        const string turin = node + ",\"machine\":{\"cpuModel\":\"AMD EPYC\",\"cpuFamily\":\"family 26, model 2\"}";
        var figures = BenchmarkFigures.From(Read(
            Scale(subnets: 150, lag: 9, lagging: false, pauseShare: 0.02, extra: node + ",\"machine\":{\"cpuModel\":\"AMD EPYC\"}" + Timeline((0, 1, 9))),
            Scale(subnets: 150, lag: 11, lagging: true, pauseShare: 0.02, extra: node + Timeline((0, 1, 11))),
            Scale(subnets: 300, lag: 8, lagging: false, pauseShare: 0.02, extra: turin + Timeline((0, 1, 8))),
            Throughput(rate: 900, delivered: 105_000, lag: 70, lagging: true),
            Throughput(rate: 900, delivered: 107_000, lag: 6, lagging: false, extra: turin)));

        var lag = Assert.IsType<LineFigure>(figures.Single(f => f.Name == "scale-lag"));
        Assert.Equal(
            ["lag per message, AMD EPYC family 26", "lag per message", "lag per message, each run", "lag warning", "lagging runs"],
            lag.Series.Select(s => s.Name));
        Assert.Equal([(300.0, 8.0)], lag.Series[0].Points);
        Assert.Equal([(150.0, 10.0)], lag.Series[1].Points); // Halfway between the two runs that do not name the family.
        // The lag over run time is the latest default run's setting, its machine with it, though the others are more.
        var timeline = Assert.IsType<LineFigure>(figures.Single(f => f.Name == "scale-lag-timeline"));
        Assert.Equal("Lag p99 over run time (ic-app-subnet, time scale 10, lag per message, AMD EPYC family 26)", timeline.Title);
        Assert.Equal(["300 subnets", "lag warning"], timeline.Series.Select(s => s.Name));
        var throughput = Assert.IsType<LineFigure>(figures.Single(f => f.Name == "throughput-lag"));
        Assert.Equal([(108.0, 6.0)], throughput.Series.Single(s => s.Name == "10×13, 1 KiB, AMD EPYC family 26").Points);
        Assert.Equal([(108.0, 70.0)], throughput.Series.Single(s => s.Name == "10×13, 1 KiB").Points);
    }

    [Fact]
    public void The_latest_run_at_each_subnet_count_that_kept_its_timeline_draws_its_lag_over_run_time()
    {
        const string node = ",\"lagCountedAt\":\"node\",\"lagCountedPer\":\"message\",\"runLongTables\":\"native\"";
        var figures = BenchmarkFigures.From(Read(
            Scale(subnets: 100, lag: 2, lagging: false, pauseShare: 0.01),
            Scale(subnets: 200, lag: 30, lagging: true, pauseShare: 0.03, extra: node + Timeline((0, 0.1, 80), (0.1, 0.2, 30))),
            Scale(subnets: 200, lag: 20, lagging: true, pauseShare: 0.03, extra: node + Timeline((0, 0.1, 60), (0.1, 0.2, 20), (0.3, 0.4, 5))),
            Scale(subnets: 150, lag: 9, lagging: false, pauseShare: 0.02, extra: node + Timeline((0, 0.1, 9))),
            Scale(subnets: 250, lag: 9, lagging: false, pauseShare: 0.02, extra: node + ",\"collectorPausesExcludedSeconds\":2" + Timeline((0, 0.1, 9)))));

        var timeline = Assert.IsType<LineFigure>(figures.Single(f => f.Name == "scale-lag-timeline"));
        Assert.Equal("Lag p99 over run time (ic-app-subnet, time scale 10, lag per message)", timeline.Title);

        // Runs without a timeline draw none, nor those of a setting fewer runs share; of two at one count, the later one.
        Assert.Equal(["150 subnets", "200 subnets", "lag warning"], timeline.Series.Select(s => s.Name));
        Assert.Equal([(0.05, 9.0)], timeline.Series[0].Points);
        Assert.Equal([(0.05, 60.0), (0.15, 20.0), (0.35, 5.0)], timeline.Series[1].Points.Select(p => (Math.Round(p.X, 9), p.Y)));
        Assert.Equal([(0.0, 12.0), (0.4, 12.0)], timeline.Series[2].Points);
    }

    [Fact]
    public void Scale_runs_without_a_timeline_draw_no_lag_over_run_time()
    {
        var figures = BenchmarkFigures.From(Read(
            Scale(subnets: 200, lag: 6.2, lagging: false, pauseShare: 0.03),
            Scale(subnets: 300, lag: 12.4, lagging: true, pauseShare: 0.07, extra: ",\"lagCountedAt\":\"node\",\"lagCountedPer\":\"message\",\"runLongTables\":\"native\",\"lagTimeline\":[]")));

        Assert.DoesNotContain(figures, f => f.Name == "scale-lag-timeline");
    }

    [Fact]
    public void Throughput_runs_that_counted_their_lag_at_the_scheduler_are_a_setting_of_their_own()
    {
        var figures = BenchmarkFigures.From(Read(
            Throughput(rate: 500, delivered: 58_000, lag: 5, lagging: false, extra: ""),
            Throughput(rate: 500, delivered: 58_700, lag: 7.75, lagging: false)));

        var lag = Assert.IsType<LineFigure>(figures.Single(f => f.Name == "throughput-lag"));
        Assert.Equal(["10×13, 1 KiB, lag at the scheduler", "10×13, 1 KiB"], lag.Series.Take(2).Select(s => s.Name));
        Assert.Equal([(60.0, 5.0)], lag.Series[0].Points);
        Assert.Equal([(60.0, 7.75)], lag.Series[1].Points);
    }

    [Fact]
    public void Fidelity_runs_at_two_time_scales_give_one_bar_each_beside_the_closed_form_and_the_tolerance()
    {
        var figures = BenchmarkFigures.From(Read(Fidelity(timeScale: 1, error: 2.5), Fidelity(timeScale: 4, error: -0.4)));

        var time = Assert.IsType<BarFigure>(figures.Single(f => f.Name == "fidelity-time"));
        Assert.Equal(["N = 13, 1 KiB", "N = 40, 1 MiB"], time.Categories);
        Assert.Equal(["closed form", "measured, time scale 1", "measured, time scale 4"], time.Series.Select(s => s.Name));
        Assert.Equal([150.0, 477.0], time.Series[0].Values);
        Assert.Equal([Measured(150, 2.5), Measured(477, 2.5)], time.Series[1].Values);

        var error = Assert.IsType<BarFigure>(figures.Single(f => f.Name == "fidelity-error"));
        Assert.Equal([2.5, 2.5], error.Series[0].Values);
        Assert.Equal([0.4, 0.4], error.Series[1].Values); // Below the closed form counts as far as above it.
        Assert.Equal(5, error.Reference!.Value.Y);
    }

    [Fact]
    public void The_latest_bandwidth_run_gives_a_bar_per_protocol_and_scenario_against_the_target()
    {
        var figures = BenchmarkFigures.From(Read(
            """{"mode":"bandwidth","target":1.02,"rows":[{"scenario":"old","protocol":"flooding","duplicateRatio":9}]}""",
            """{"mode":"bandwidth","target":1.02,"rows":[""" +
            """{"scenario":"quickstart","protocol":"advert-gossip","duplicateRatio":1.0},""" +
            """{"scenario":"quickstart","protocol":"flooding","duplicateRatio":11.5},""" +
            """{"scenario":"nns-subnet","protocol":"flooding","duplicateRatio":39.0}]}"""));

        var bars = Assert.IsType<BarFigure>(Assert.Single(figures));
        Assert.Equal("bandwidth-duplicates", bars.Name);
        Assert.Equal(["quickstart", "nns-subnet"], bars.Categories);
        Assert.Equal(["advert-gossip", "flooding"], bars.Series.Select(s => s.Name));
        Assert.Equal([1.0, null], bars.Series[0].Values); // Not run on that scenario: no bar.
        Assert.Equal([11.5, 39.0], bars.Series[1].Values);
        Assert.Equal(1.02, bars.Reference!.Value.Y);
    }

    [Fact]
    public void A_result_without_a_figure_it_needs_is_refused_with_its_file_and_line()
    {
        var results = Read("[12:00:00] scale: 200 subnets", """{"mode":"scale","scenario":"ic-app-subnet","subnets":200,"timeScale":10,"lagging":false}""");

        var error = Assert.Throws<ResultFormatException>(() => BenchmarkFigures.From(results));
        Assert.Equal("results.jsonl:2: a scale result needs \"lagMsP99\" (number)", error.Message);
    }

    [Fact]
    public void A_result_of_virtual_time_draws_its_slowdown_and_is_refused_without_it()
    {
        var figures = BenchmarkFigures.From(Read(
            """{"mode":"throughput","subnets":10,"nodesPerSubnet":13,"ingressBytes":1024,"ingressPerSecondPerSubnet":500,"deliveriesPerSecond":60000,"slowdown":1.0}""",
            """{"mode":"throughput","subnets":10,"nodesPerSubnet":13,"ingressBytes":1024,"ingressPerSecondPerSubnet":900,"deliveriesPerSecond":90000,"slowdown":1.2}"""));

        Assert.Equal(["throughput-deliveries", "throughput-slowdown", "throughput-cpu"], figures.Select(f => f.Name));
        Assert.Equal(["offered", "delivered"], Assert.IsType<LineFigure>(figures[0]).Series.Select(s => s.Name));
        var slowdown = Assert.IsType<LineFigure>(figures[1]);
        Assert.Equal([(60.0, 1.0), (108.0, 1.2)], Assert.Single(slowdown.Series).Points);

        var error = Assert.Throws<ResultFormatException>(() => BenchmarkFigures.From(Read(
            """{"mode":"throughput","subnets":10,"nodesPerSubnet":13,"ingressBytes":1024,"ingressPerSecondPerSubnet":900,"deliveriesPerSecond":90000}""")));
        Assert.Equal("results.jsonl:1: a throughput result needs \"slowdown\" (number)", error.Message);
    }

    [Fact]
    public void A_fidelity_case_without_its_measurement_is_refused_with_its_path_in_the_result()
    {
        var results = Read("""{"mode":"fidelity","timeScale":1,"tolerancePercent":5,"cases":[{"nodes":13,"artifactBytes":1024,"expectedMs":150,"errorPercent":1}]}""");

        var error = Assert.Throws<ResultFormatException>(() => BenchmarkFigures.From(results));
        Assert.Equal("results.jsonl:1: a fidelity result needs \"cases[].measuredMsMedian\" (number)", error.Message);
    }

    [Fact]
    public void A_bandwidth_row_without_its_protocol_is_refused_with_its_path_in_the_result()
    {
        var results = Read("""{"mode":"bandwidth","target":1.02,"rows":[{"scenario":"quickstart","duplicateRatio":1.0}]}""");

        var error = Assert.Throws<ResultFormatException>(() => BenchmarkFigures.From(results));
        Assert.Equal("results.jsonl:1: a bandwidth result needs \"rows[].protocol\" (string)", error.Message);
    }

    [Fact]
    public void Results_of_modes_without_figures_give_none()
    {
        Assert.Empty(BenchmarkFigures.From(Read("""{"mode":"memory","nodes":100000}""")));
    }

    internal static IReadOnlyList<ResultLine> Read(params string[] lines) =>
        ResultLines.Read("results.jsonl", new StringReader(string.Join('\n', lines)));

    internal static string Throughput(double rate, double delivered, double lag, bool lagging, string extra = ",\"lagCountedAt\":\"node\",\"lagCountedPer\":\"message\",\"runLongTables\":\"native\"") => Invariant(
        $$$"""{"mode":"throughput","deliveriesPerSecond":{{{delivered}}},"lagMsP99":{{{lag}}},"lagging":{{{(lagging ? "true" : "false")}}}{{{extra}}},"subnets":10,"nodesPerSubnet":13,"ingressPerSecondPerSubnet":{{{rate}}},"ingressBytes":1024,"runtime":{"cpuCores":{{{rate / 1000}}}}}""");

    internal static string Scale(int subnets, double lag, bool lagging, double pauseShare, double timeScale = 10, string extra = ",\"lagCountedAt\":\"node\",\"lagCountedPer\":\"message\",\"runLongTables\":\"native\"") => Invariant(
        $$$"""{"mode":"scale","scenario":"ic-app-subnet","subnets":{{{subnets}}},"timeScale":{{{timeScale}}},"lagMsP99":{{{lag}}},"lagging":{{{(lagging ? "true" : "false")}}},"lagWarningMs":12,"siloProcesses":1{{{extra}}},"runtime":{"gcPauseShare":{{{pauseShare}}}}}""");

    /// <summary>A <c>lagTimeline</c> property of slices (from, to, p99), to append to a scale result.</summary>
    private static string Timeline(params (double From, double To, double LagMsP99)[] slices) =>
        ",\"lagTimeline\":[" + string.Join(',', slices.Select(s => Invariant(
            $$"""{"fromSeconds":{{s.From}},"toSeconds":{{s.To}},"batches":100,"lagMsP99":{{s.LagMsP99}},"lagMsMax":{{s.LagMsP99 * 1.5}}}"""))) + "]";

    private static string Fidelity(double timeScale, double error) => Invariant(
        $$"""{"mode":"fidelity","timeScale":{{timeScale}},"tolerancePercent":5,"cases":[{{Case(13, 1024, 150, error)}},{{Case(40, 1 << 20, 477, error)}}]}""");

    private static string Case(int nodes, int bytes, double expected, double error) => Invariant(
        $$"""{"nodes":{{nodes}},"artifactBytes":{{bytes}},"expectedMs":{{expected}},"measuredMsMedian":{{Measured(expected, error)}},"errorPercent":{{error}}}""");

    private static double Measured(double expected, double error) => expected * (1 + (error / 100));

    /// <summary>Numbers as JSON writes them, whatever the culture the tests run in.</summary>
    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static PlotSeries Series(LineFigure figure, string name) => figure.Series.Single(s => s.Name == name);
}
