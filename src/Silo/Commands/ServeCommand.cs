using System.CommandLine;
using System.Globalization;
using OrleansGossip.Silo.Hosting;

namespace OrleansGossip.Silo.Commands;

/// <summary>
/// <c>serve [--url http://127.0.0.1:5080]</c>: starts a silo, the HTTP API and the dashboard in this process, prints
/// where they are, and runs until Ctrl+C.
/// </summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "Where to listen (loopback by default).", DefaultValueFactory = _ => EmbeddedServer.DefaultUrl };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log what the silo and the web host do." };
        var warmup = WarmUpRun.CreateOption(
            $"Emulated seconds of every protocol on {SiloWarmUp.SubnetsPerProtocol} subnets of the silo's own (time scale 1, in no run list) once it has started, so that the first run started on it keeps time; 0 for none.");
        var command = new Command("serve", "Run a silo with the HTTP API and the dashboard in one process, for scripts and a browser.") { url, verbose, warmup };
        command.SetAction((parse, cancellation) => ExecuteAsync(parse.GetRequiredValue(url), parse.GetValue(verbose), parse.GetValue(warmup), cancellation));
        return command;
    }

    public static async Task<int> ExecuteAsync(string url, bool verbose, double warmupSeconds, CancellationToken cancellation)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
        {
            await Console.Error.WriteLineAsync($"error: --url '{url}' is not an http:// or https:// address");
            return 2;
        }

        if (WarmUpRun.IsRefused(warmupSeconds))
        {
            return 2;
        }

        EmbeddedServer server;
        try
        {
            server = await EmbeddedServer.StartAsync(url, verbose ? LogLevel.Information : LogLevel.Warning, warmUpSeconds: warmupSeconds, cancellationToken: cancellation);
        }
        catch (IOException e)
        {
            await Console.Error.WriteLineAsync($"error: cannot listen on {url}: {e.Message}");
            return 1;
        }

        await using (server)
        {
            var root = server.Address.ToString().TrimEnd('/');
            Console.WriteLine($"OrleansGossip is serving on {root}");
            Console.WriteLine($"  dashboard          {root}/");
            Console.WriteLine($"  API                {root}/api   (OpenAPI: {root}/openapi/v1.json)");
            Console.WriteLine($"  Orleans dashboard  {root}/orleans");
            Console.WriteLine($"  health             {root}{EmbeddedServer.HealthPath}   (200 once warmed up)");
            Console.WriteLine("Press Ctrl+C to stop.");
            _ = ReportWarmUpAsync(server.WarmUp);
            await server.WaitForShutdownAsync(cancellation);
        }

        return 0;
    }

    /// <summary>Says that the silo warms up, and when it has.</summary>
    private static async Task ReportWarmUpAsync(SiloWarmUp warmUp)
    {
        if (warmUp.Seconds <= 0)
        {
            return;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Warming up: {warmUp.Seconds} s of each protocol on subnets of its own, in no run list; runs started before it is over may lag in their first second…"));
        Console.WriteLine(await warmUp.Completion is { } took
            ? string.Create(CultureInfo.InvariantCulture, $"Warmed up in {took.TotalSeconds:F1} wall s.")
            : "The warm-up did not complete; serving without it.");
    }
}
