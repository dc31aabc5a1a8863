using System.Text.RegularExpressions;
using OrleansGossip.Abstractions.Reports;
using OrleansGossip.Silo.Reports;
using OrleansGossip.Silo.Reports.Comparison;
using Xunit;

namespace OrleansGossip.Grains.Tests.Reports;

public sealed partial class HtmlReportTests
{
    [Fact]
    public void A_run_page_has_a_plot_each_faults_on_its_time_axes_and_the_lag_warning_on_top()
    {
        var html = RunHtmlWriter.Render(Report("advert-gossip", duplicates: 1.02), Rows());

        // The lag over run time; then latency CDF, coverage, latency over run time, finalization, duplicate ratio, messages per delivery.
        Assert.Equal(7, Svg().Count(html));
        Assert.Equal(7, SvgClose().Count(html));
        Assert.Contains("Delivery lag over run time", html, StringComparison.Ordinal);
        Assert.Contains("per 0.5 emulated s of the run", html, StringComparison.Ordinal);
        Assert.Contains("late (p99 above 10 ms) in 1 of 3 slices of 0.5 emulated s; the worst, 80.0 ms, from 0.5 to 1 s.</p>", html, StringComparison.Ordinal);
        Assert.Contains("Latency distribution", html, StringComparison.Ordinal);
        Assert.Contains("Coverage over time", html, StringComparison.Ordinal);
        Assert.Contains("Finalized height", html, StringComparison.Ordinal);
        Assert.Contains("Duplicate ratio per kind", html, StringComparison.Ordinal);
        AssertSelfContained(html);

        // Each fault is a labelled line on the two run-time axes: latency over run time and finalization.
        Assert.Equal(4, Regex.Count(html, "<g class=\"marker\">"));
        Assert.Equal(2, Regex.Count(html, ">partition @5s</text>"));
        Assert.Equal(2, Regex.Count(html, ">heal @8.5s</text>"));
        Assert.Contains("cut &lt;n0..n3&gt; from the rest", html, StringComparison.Ordinal);

        var warning = html.IndexOf("class=\"warning\"", StringComparison.Ordinal);
        Assert.True(warning > 0 && warning < html.IndexOf("<table", StringComparison.Ordinal), "the lag warning comes before the tables");
        Assert.Contains("Rerun with a larger timeScale", html, StringComparison.Ordinal);
        Assert.Contains("<td>block-proposal</td><td class=\"num\">2</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_without_consensus_or_lag_has_no_finalization_plot_and_no_warning()
    {
        var report = Report("flooding", duplicates: 3) with { Faults = [], Emulator = new EmulatorReport { Deliveries = 10 } };
        report = report with { Subnets = [report.Subnets[0] with { Consensus = null }] };

        var html = RunHtmlWriter.Render(report, Rows());

        Assert.Equal(5, Svg().Count(html));
        Assert.DoesNotContain("Delivery lag over run time", html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"warning\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"marker\"", html, StringComparison.Ordinal);
        AssertSelfContained(html);
    }

    [Fact]
    public void A_run_whose_clock_left_out_the_collectors_pauses_says_how_much_slower_emulated_time_ran()
    {
        var report = Report("advert-gossip", duplicates: 1.0) with { Emulator = new EmulatorReport { Deliveries = 10, WallSeconds = 100, CollectorPausesExcludedSeconds = 2 } };
        var without = Report("advert-gossip", duplicates: 1.0) with { Emulator = new EmulatorReport { Deliveries = 10, WallSeconds = 100 } };

        var html = RunHtmlWriter.Render(report, Rows());

        Assert.Contains("left out 2.00 s of garbage-collector pauses, so emulated time ran 1.020 times slower", html, StringComparison.Ordinal);
        Assert.DoesNotContain("garbage-collector pauses", RunHtmlWriter.Render(without, Rows()), StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_that_kept_time_as_a_whole_says_so_beside_the_slice_that_lagged()
    {
        var lagging = Report("advert-gossip", duplicates: 1.0);
        var keptTime = lagging with { Emulator = lagging.Emulator with { Lagging = false, Warning = null, LagMsP99 = 4 } };

        Assert.DoesNotContain("whole run", lagging.Emulator.LateSlicesNote(), StringComparison.Ordinal);
        Assert.EndsWith("from 0.5 to 1 s. Over the whole run the lag p99 stayed below the warning.", keptTime.Emulator.LateSlicesNote(), StringComparison.Ordinal);
        Assert.Null((keptTime.Emulator with { LagTimeline = [new LagSlice(0, 1, 10, 9.9, 12)] }).LateSlicesNote());
    }

    [Fact]
    public void A_run_in_which_a_node_lost_its_state_says_so_on_top()
    {
        var report = Report("advert-gossip", duplicates: 1.4) with { Emulator = new EmulatorReport { Deliveries = 10, NodesRestored = true } };

        var html = RunHtmlWriter.Render(report, Rows());

        var warning = html.IndexOf("class=\"warning\"", StringComparison.Ordinal);
        Assert.True(warning > 0 && warning < html.IndexOf("<table", StringComparison.Ordinal), "the warning comes before the tables");
        Assert.Contains("A node lost its state during the run", html, StringComparison.Ordinal);
        Assert.DoesNotContain("The emulator lagged", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_comparison_page_has_a_series_per_protocol_in_each_plot()
    {
        ProtocolRun[] runs =
        [
            new("advert-gossip", Report("advert-gossip", duplicates: 1.01), Rows(), "advert-gossip"),
            new("flooding", Report("flooding", duplicates: 2.9), Rows(), "flooding"),
        ];
        var comparison = ComparisonBuilder.Build(runs);

        var html = ComparisonHtmlWriter.Render(comparison, runs);

        // Duplicate ratio, adverts per delivery, finalization, then latency and coverage for each of the two kinds.
        Assert.Equal(7, Svg().Count(html));
        AssertSelfContained(html);
        Assert.Single(Regex.Matches(html, ">partition @5s</text>"));
        foreach (var svg in Svg().Matches(html).Select(m => html[m.Index..html.IndexOf("</svg>", m.Index, StringComparison.Ordinal)]))
        {
            Assert.Contains(">advert-gossip</text>", svg, StringComparison.Ordinal);
            Assert.Contains(">flooding</text>", svg, StringComparison.Ordinal);
        }

        var kind = comparison.Subnets.Single().Kinds.Single(k => k.Kind == "ingress");
        Assert.Equal(1.01, kind.Protocols["advert-gossip"].DuplicateRatio);
        Assert.Equal(2.9, kind.Protocols["flooding"].DuplicateRatio);
        Assert.Contains("href=\"flooding/report.html\"", html, StringComparison.Ordinal);
    }

    private static void AssertSelfContained(string html)
    {
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
    }

    private static RunReport Report(string protocol, double duplicates) => new()
    {
        Scenario = "fault-test",
        RunId = $"fault-test-{protocol}",
        Protocol = protocol,
        Seed = 7,
        TimeScale = 2,
        DurationSeconds = 10,
        Subnets =
        [
            new SubnetReport
            {
                Subnet = "app",
                Nodes = 4,
                HonestNodes = 4,
                Kinds =
                [
                    Kind("block-proposal", 2, duplicates),
                    Kind("ingress", 3, duplicates),
                ],
                Consensus = new ConsensusReport
                {
                    FinalizedHeight = 9,
                    FinalizationRatePerSecond = 0.9,
                    Timeline = [.. Enumerable.Range(1, 9).Select(h => new HeightPoint(h * 1.1, h))],
                },
            },
        ],
        Emulator = new EmulatorReport
        {
            Deliveries = 20,
            WallSeconds = 20,
            DeliveriesPerSecond = 1,
            LagMsP99 = 80,
            Lagging = true,
            Warning = "The emulator fell behind: scheduled deliveries fired 80.0 ms late. Rerun with a larger timeScale, e.g. 4.",
            LagWarningMs = 10,
            LagTimeline = [new LagSlice(0, 0.5, 400, 2.5, 4), new LagSlice(0.5, 1, 380, 80, 120), new LagSlice(2, 2.5, 10, 1, 1)],
        },
        Faults =
        [
            new FaultEvent(5, "partition", "app", "cut <n0..n3> from the rest"),
            new FaultEvent(8.5, "heal", "", "restore every cut link"),
            new FaultEvent(6, "crash", "other-subnet", "not this subnet's"),
        ],
    };

    private static KindReport Kind(string kind, int artifacts, double duplicates) => new()
    {
        Kind = kind,
        Artifacts = artifacts,
        DeliveryRatio = 1,
        DuplicateRatio = duplicates,
        AdvertsPerDelivery = 3,
        RequestsPerDelivery = 1,
        Deliveries = artifacts * 3,
        BodyBytesReceived = artifacts * 3 * 1024,
        Coverage = [new CoveragePoint(0, 0.25), new CoveragePoint(20, 0.75), new CoveragePoint(40, 1)],
    };

    private static IReadOnlyList<ArtifactRow> Rows() =>
    [
        new("app", "b1", "block-proposal", 1024, 1000, 20, 30, 40, 4, 3),
        new("app", "b2", "block-proposal", 1024, 2000, 25, 35, 45, 4, 3),
        new("app", "i1", "ingress", 1024, 100, 5, 8, 9, 4, 3),
        new("app", "i2", "ingress", 1024, 6000, 50, null, null, 2, 1),
        new("app", "i3", "ingress", 1024, 9000, 5, 8, 12, 4, 3),
    ];

    [GeneratedRegex("<svg[ >]")]
    private static partial Regex Svg();

    [GeneratedRegex("</svg>")]
    private static partial Regex SvgClose();
}
