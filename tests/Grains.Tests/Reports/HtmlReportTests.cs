using System.Text.RegularExpressions;
using OrleansGossip.Abstractions.Reports;
using OrleansGossip.Silo.Reports;
using OrleansGossip.Silo.Reports.Comparison;
using Xunit;

namespace OrleansGossip.Grains.Tests.Reports;

public sealed partial class HtmlReportTests
{
    [Fact]
    public void A_run_page_has_a_plot_each_and_faults_on_its_time_axes()
    {
        var html = RunHtmlWriter.Render(Report("advert-gossip", duplicates: 1.02), Rows());

        // Latency CDF, coverage, latency over run time, finalization, duplicate ratio, messages per delivery.
        Assert.Equal(6, Svg().Count(html));
        Assert.Equal(6, SvgClose().Count(html));
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

        Assert.Contains("<td>block-proposal</td><td class=\"num\">2</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_page_gives_the_emulators_figures_and_apart_how_the_machine_ran_it()
    {
        var html = RunHtmlWriter.Render(Report("advert-gossip", duplicates: 1.02), Rows());

        var emulator = html.IndexOf("<h3>Emulator</h3>", StringComparison.Ordinal);
        var host = html.IndexOf("<h3>Host</h3>", StringComparison.Ordinal);
        Assert.True(emulator > 0 && host > emulator, "the emulator's table, then the host's");
        Assert.Contains("<td class=\"num\">20</td><td class=\"num\">2.5</td><td class=\"num\">4,000</td>", html[emulator..host], StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">2</td><td class=\"num\">20.0</td><td class=\"num\">1</td><td class=\"num\">2.00</td><td class=\"num\">1</td><td>4 CPUs, Linux</td>", html[host..], StringComparison.Ordinal);
        Assert.Contains("slowdown (wall s / emulated s)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("lagging", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("lag p99", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("timeScale 2 ", html, StringComparison.Ordinal);
        Assert.DoesNotContain("unpaced", html, StringComparison.Ordinal);
        var paced = Report("advert-gossip", duplicates: 1.02);
        var unpaced = RunHtmlWriter.Render(paced with { Host = paced.Host with { TimeScale = 0 } }, Rows());
        Assert.Contains(" unpaced ", unpaced, StringComparison.Ordinal);
        Assert.DoesNotContain("timeScale 0", unpaced, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_without_consensus_or_faults_has_no_finalization_plot_and_no_warning()
    {
        var report = Report("flooding", duplicates: 3) with { Faults = [], Emulator = new EmulatorReport { Deliveries = 10 } };
        report = report with { Subnets = [report.Subnets[0] with { Consensus = null }] };

        var html = RunHtmlWriter.Render(report, Rows());

        Assert.Equal(5, Svg().Count(html));
        Assert.DoesNotContain("class=\"warning\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"marker\"", html, StringComparison.Ordinal);
        AssertSelfContained(html);
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

        // Each run's emulator figures beside how the machine ran it.
        Assert.Equal(new HostReport { TimeScale = 2, WallSeconds = 20, DeliveriesPerSecond = 1, Slowdown = 2, Silos = 1, Machine = "4 CPUs, Linux" }, comparison.Runs[1].Host);
        Assert.Contains("<td>flooding</td><td>fault-test-flooding</td><td class=\"num\">20</td><td class=\"num\">2.5</td><td class=\"num\">4,000</td><td class=\"num\">20.0</td><td class=\"num\">1</td><td class=\"num\">2.00</td>", html, StringComparison.Ordinal);
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
            WindowMs = 2.5,
            Windows = 4_000,
        },
        Host = new HostReport
        {
            TimeScale = 2,
            WallSeconds = 20,
            DeliveriesPerSecond = 1,
            Slowdown = 2,
            Silos = 1,
            Machine = "4 CPUs, Linux",
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
