using System.Globalization;
using Microsoft.Playwright;
using Xunit;

namespace OrleansGossip.Dashboard.Tests;

/// <summary>
/// The page in Debian's headless Chromium, driven by Playwright: it is open before a run starts through the gateway,
/// lists the new run, shows its subnet's nodes and counters that move once chosen, and leaves a screenshot in
/// <c>TestResults/dashboard/</c>.
/// </summary>
public sealed class PageTests(ServerFixture fixture)
{
    private const string Chromium = "/usr/bin/chromium";
    private const int Nodes = 8;

    [Fact]
    public async Task The_page_follows_a_run_started_through_the_gateway_and_its_counters_move()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: ./test.sh installs Debian's chromium");
        var cancel = TestContext.Current.CancellationToken;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1500 } });
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        var outside = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(fixture.Server.Address.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                outside.Add(request.Url);
            }
        };

        await page.GotoAsync(fixture.Server.Address.ToString());
        await Assertions.Expect(page.GetByTestId("conn")).ToHaveTextAsync("live", new() { Timeout = 15_000 });

        const string run = "page-run";
        await fixture.StartRunAsync(run, Nodes, durationSeconds: 40);

        // The run appears in the page's list of runs; choosing it shows its subnet's nodes: in the registry and in the graph.
        await Assertions.Expect(page.Locator($"#run-select option[value='{run}']")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await page.SelectOptionAsync("#run-select", run);
        await Assertions.Expect(page.GetByTestId("subnet-name")).ToHaveTextAsync("app", new() { Timeout = 20_000 });
        var chips = page.GetByTestId("membership").Locator(".chip");
        await Assertions.Expect(chips).ToHaveCountAsync(Nodes, new() { Timeout = 20_000 });
        Assert.Equal(Enumerable.Range(0, Nodes).Select(i => $"app-n{i}"), await chips.AllInnerTextsAsync());
        var drawn = await page.WaitForFunctionAsync($"() => window.__dashboard.nodes.length === {Nodes} && window.__dashboard.graph.nodes().length === {Nodes}", null, new() { Timeout = 20_000 });
        Assert.NotNull(drawn);
        await Assertions.Expect(page.GetByTestId("registry-version")).ToHaveTextAsync("1");

        // The counters move while the run goes on.
        var first = await CounterAsync(page, "deliveries");
        await page.WaitForFunctionAsync($"() => Number(document.querySelector('[data-testid=deliveries]').textContent.replace(/,/g, '')) > {first}", null, new() { Timeout = 15_000 });
        var second = await CounterAsync(page, "deliveries");
        Assert.True(second > first, $"deliveries moved from {first} to {second}");
        await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=artifacts]').textContent.replace(/,/g, '')) > 0", null, new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("kinds-body").Locator("tr")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("wave-list").Locator("li")).Not.ToHaveCountAsync(0);

        // A fault through the gateway shows on the timeline.
        using (var crash = await fixture.Http.PostAsync($"/api/runs/{run}/nodes/app-n3/crash", null, cancel))
        {
            Assert.True(crash.IsSuccessStatusCode);
        }

        await Assertions.Expect(page.GetByTestId("fault-list")).ToContainTextAsync("crash", new() { Timeout = 10_000 });
        await page.WaitForTimeoutAsync(1_000);

        var screenshot = Path.Combine(Artefacts.Directory, "dashboard-subnet.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        TestContext.Current.AddAttachment("dashboard-subnet.png", await File.ReadAllBytesAsync(screenshot, cancel), "image/png");

        // The second view: every subnet of the run at a glance.
        await page.ClickAsync("#tab-overview");
        await Assertions.Expect(page.GetByTestId("overview-body").Locator("tr")).ToHaveCountAsync(1, new() { Timeout = 10_000 });
        await Assertions.Expect(page.GetByTestId("overview-body")).ToContainTextAsync("app");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artefacts.Directory, "dashboard-overview.png"), FullPage = true });

        Assert.Empty(errors);
        Assert.Empty(outside);
        await fixture.StopRunAsync(run);
    }

    private static async Task<long> CounterAsync(IPage page, string testId)
    {
        var text = await page.GetByTestId(testId).InnerTextAsync();
        return long.Parse(text.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
    }
}
