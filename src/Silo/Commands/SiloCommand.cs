using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Silo.Hosting;
using OrleansGossip.Silo.Reports;
using Spectre.Console;

namespace OrleansGossip.Silo.Commands;

/// <summary>
/// <c>silo</c>: one silo of a cluster, found through the <c>Clustering</c> configuration section (localhost on this
/// machine by default; environment variables such as <c>Clustering__Provider=redis</c> set it), with mutual TLS from <c>--certs &lt;dir&gt;</c> (made by
/// <c>certs create</c>) or from the <c>Tls</c> configuration section. It runs until stopped, or, with <c>--run</c>, waits
/// for <c>--silos</c> silos, runs the scenario across them, writes its report and event log and stops.
/// </summary>
public static class SiloCommand
{
    public static Command Create()
    {
        var name = new Option<string>("--name", "-n") { Description = "The silo's name; with --certs also the name of its certificate (<dir>/<name>.pem, .key).", DefaultValueFactory = _ => "silo-1" };
        var port = new Option<int>("--port") { Description = "Silo-to-silo port.", DefaultValueFactory = _ => 11111 };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "Gateway port for clients.", DefaultValueFactory = _ => 30000 };
        var primary = new Option<int>("--primary-port") { Description = "Silo port of the primary silo (it holds the membership table).", DefaultValueFactory = _ => 11111 };
        var certs = new Option<DirectoryInfo?>("--certs") { Description = "A folder made by 'certs create': TLS with <name>.pem, <name>.key and the CA ca.pem." };
        var insecure = new Option<bool>("--insecure") { Description = "No TLS: connections are neither authenticated nor encrypted (a trusted machine only)." };
        var scenario = new Option<FileInfo?>("--run") { Description = "A scenario to run across the cluster once --silos silos are up; then write its report and stop." };
        var silos = new Option<int>("--silos") { Description = "With --run: the silos to wait for.", DefaultValueFactory = _ => 2 };
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "With --run: the folder for the report and the event log.", DefaultValueFactory = _ => new DirectoryInfo("out") };

        var command = new Command("silo", "Run one silo of a multi-silo cluster on this machine, with mutual TLS.")
        {
            name, port, gatewayPort, primary, certs, insecure, scenario, silos, output,
        };
        command.SetAction((parse, cancellation) =>
        {
            var siloName = parse.GetRequiredValue(name);
            var certificates = parse.GetValue(certs);
            if (certificates is not null && parse.GetValue(insecure))
            {
                Console.Error.WriteLine("error: --certs and --insecure exclude each other");
                return Task.FromResult(2);
            }

            var scenarioFile = parse.GetValue(scenario);
            var settings = new ClusterSiloSettings
            {
                Name = siloName,
                SiloPort = parse.GetValue(port),
                GatewayPort = parse.GetValue(gatewayPort),
                PrimarySiloPort = parse.GetValue(primary),
                Tls = !parse.GetValue(insecure),
                // The command owns Ctrl+C and SIGTERM: it stops a run it drives and writes its report, then the silo.
                ConfigureSilo = silo => silo.Services.AddSingleton<IHostLifetime, CommandOwnedLifetime>(),
                ConfigureTls = certificates is null ? null : tls =>
                {
                    tls.CertificatePath = Path.Combine(certificates.FullName, $"{siloName}.pem");
                    tls.KeyPath = Path.Combine(certificates.FullName, $"{siloName}.key");
                    tls.CaCertificatePath = Path.Combine(certificates.FullName, $"{CertsCommand.CaName}.pem");
                },
            };
            return ExecuteAsync(settings, scenarioFile, parse.GetValue(silos), parse.GetRequiredValue(output), cancellation);
        });
        return command;
    }

    public static async Task<int> ExecuteAsync(
        ClusterSiloSettings settings, FileInfo? scenarioFile, int silos, DirectoryInfo output, CancellationToken cancellation)
    {
        ScenarioSpec? scenario = null;
        if (scenarioFile is not null)
        {
            try
            {
                scenario = ScenarioLoader.LoadFile(scenarioFile.FullName);
            }
            catch (ScenarioException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 2;
            }
        }

        IHost host;
        try
        {
            host = ClusterSilo.Build(settings);
        }
        catch (OptionsValidationException e)
        {
            await Console.Error.WriteLineAsync($"error: {string.Join("; ", e.Failures)}");
            return 2;
        }

        using var started = host;
        try
        {
            await host.StartAsync(cancellation);
        }
        catch (OptionsValidationException e)
        {
            await Console.Error.WriteLineAsync($"error: {string.Join("; ", e.Failures)}");
            return 2;
        }

        if (scenario is null)
        {
            await host.WaitForShutdownAsync(cancellation);
            return 0;
        }

        try
        {
            return await RunAcrossClusterAsync(host.Services.GetRequiredService<IGrainFactory>(), scenario, silos, output, cancellation);
        }
        finally
        {
            await host.StopAsync(TimeSpan.FromSeconds(10));
        }
    }

    private static async Task<int> RunAcrossClusterAsync(
        IGrainFactory grains, ScenarioSpec scenario, int silos, DirectoryInfo output, CancellationToken cancellation)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        while ((await management.GetHosts(onlyActive: true)).Count < silos)
        {
            if (DateTime.UtcNow > deadline)
            {
                await Console.Error.WriteLineAsync($"error: fewer than {silos} silos joined within 5 minutes");
                return 1;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
        }

        var console = AnsiConsole.Console;
        console.MarkupLine($"Running [bold]{Markup.Escape(scenario.Name)}[/] with [bold]{Markup.Escape(scenario.Protocol)}[/] across {silos} silos…");
        var run = grains.GetGrain<IRunGrain>(RunCommand.NewRunId(scenario));
        var report = await RunCommand.RunToCompletionAsync(run, scenario, new ProgressLine(Console.Out, !Console.IsOutputRedirected), cancellation);
        if (report is null)
        {
            return await RunCommand.FailedAsync(run);
        }

        // Written whole even after Ctrl+C: a run stopped early is reported as far as it went.
        var files = await RunCommand.WriteRunFilesAsync(run, report, output.FullName);
        SummaryTable.Write(console, report);
        foreach (var written in files)
        {
            console.MarkupLine($"Wrote [link]{Markup.Escape(written)}[/]");
        }

        return report.StoppedAtSeconds is null ? 0 : 130;
    }
}
