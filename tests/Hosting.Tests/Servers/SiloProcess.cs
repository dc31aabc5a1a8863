using System.Globalization;

namespace OrleansGossip.Hosting.Tests.Servers;

/// <summary>
/// A silo in a process of its own (<c>OrleansGossip.Silo silo</c>, built beside the tests), configured through
/// environment variables as in a container; it can be killed like a crashed machine.
/// </summary>
public sealed class SiloProcess : IDisposable
{
    private readonly ServerProcess _process;

    private SiloProcess(string name, int siloPort, int gatewayPort, ServerProcess process)
    {
        Name = name;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        _process = process;
    }

    public string Name { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public string Output => _process.Output;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts a silo without TLS on free loopback ports, with <paramref name="environment"/> as its configuration.</summary>
    public static async Task<SiloProcess> StartAsync(string name, IDictionary<string, string> environment)
    {
        var siloPort = FreePort.Next();
        var gatewayPort = FreePort.Next();
        var dll = Path.Combine(AppContext.BaseDirectory, "OrleansGossip.Silo.dll");
        var process = ServerProcess.Start($"silo {name}", "dotnet",
            [dll, "silo", "--name", name, "--port", siloPort.ToString(CultureInfo.InvariantCulture),
             "--gateway-port", gatewayPort.ToString(CultureInfo.InvariantCulture), "--insecure"],
            workingDirectory: AppContext.BaseDirectory,
            environment: new Dictionary<string, string>(environment) { ["DOTNET_ENVIRONMENT"] = "Production" });
        var silo = new SiloProcess(name, siloPort, gatewayPort, process);
        await process.WaitForPortAsync(gatewayPort, TimeSpan.FromSeconds(90));
        return silo;
    }

    /// <summary>Kills the process at once: no shutdown, no goodbye to the cluster.</summary>
    public void Kill() => _process.Kill();

    public void Dispose() => _process.Dispose();
}
