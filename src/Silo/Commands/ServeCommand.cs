using System.CommandLine;
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
        var command = new Command("serve", "Run a silo with the HTTP API and the dashboard in one process, for scripts and a browser.") { url, verbose };
        command.SetAction((parse, cancellation) => ExecuteAsync(parse.GetRequiredValue(url), parse.GetValue(verbose), cancellation));
        return command;
    }

    public static async Task<int> ExecuteAsync(string url, bool verbose, CancellationToken cancellation)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
        {
            await Console.Error.WriteLineAsync($"error: --url '{url}' is not an http:// or https:// address");
            return 2;
        }

        EmbeddedServer server;
        try
        {
            server = await EmbeddedServer.StartAsync(url, verbose ? LogLevel.Information : LogLevel.Warning, cancellationToken: cancellation);
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
            Console.WriteLine($"  health             {root}{EmbeddedServer.HealthPath}   (200 while the silo is up)");
            Console.WriteLine("Press Ctrl+C to stop.");
            await server.WaitForShutdownAsync(cancellation);
        }

        return 0;
    }
}
