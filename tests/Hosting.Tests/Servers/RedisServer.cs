using OrleansGossip.Tests.Shared;
using Xunit;

namespace OrleansGossip.Hosting.Tests.Servers;

/// <summary>A throw-away redis-server on a free loopback port, without persistence; one per test class that needs it.</summary>
public sealed class RedisServer : IAsyncLifetime
{
    private readonly TempFolder _folder = new("hosting");
    private ServerProcess? _process;

    public int Port { get; private set; }

    /// <summary>The StackExchange.Redis configuration string of the server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public async ValueTask InitializeAsync()
    {
        var redis = ExecutableLookup.Find("redis-server", "redis-server", "/usr/bin", "/usr/sbin");
        Port = FreePort.Next();
        _process = ServerProcess.Start("redis-server", redis,
            ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _folder.FullName, "--daemonize", "no"]);
        await _process.WaitForPortAsync(Port, TimeSpan.FromSeconds(30));
    }

    public ValueTask DisposeAsync()
    {
        _process?.Dispose();
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}
