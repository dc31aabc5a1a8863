using OrleansGossip.Silo.Hosting;
using Xunit;

[assembly: AssemblyFixture(typeof(OrleansGossip.Gateway.Tests.ServerFixture))]

namespace OrleansGossip.Gateway.Tests;

/// <summary>One embedded server (silo, API and dashboard) on a free loopback port, shared by every test of the assembly.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private EmbeddedServer? _server;

    public EmbeddedServer Server => _server ?? throw new InvalidOperationException("the server has not started");

    public Api Api { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await EmbeddedServer.StartAsync("http://127.0.0.1:0");
        Api = new Api(new HttpClient { BaseAddress = _server.Address, Timeout = TimeSpan.FromSeconds(60) });
    }

    public async ValueTask DisposeAsync()
    {
        Api?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
