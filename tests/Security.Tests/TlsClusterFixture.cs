using Microsoft.Extensions.Hosting;
using OrleansGossip.Silo.Hosting;
using Xunit;

namespace OrleansGossip.Security.Tests;

/// <summary>
/// Two silos joined over mutual TLS on loopback, silo-1 the primary, and a client connected over TLS to silo-1's
/// gateway, all three with the files <c>certs create</c> wrote (<see cref="TestPki.Folder"/>): shared by the tests of
/// <see cref="TlsClusterCollection"/>, which leave the cluster as they found it.
/// </summary>
public sealed class TlsClusterFixture : IAsyncLifetime
{
    private IHost? _primary;
    private IHost? _secondary;
    private IHost? _client;

    public IHost Primary => _primary ?? throw new InvalidOperationException("not started");

    public IHost Secondary => _secondary ?? throw new InvalidOperationException("not started");

    public IHost Client => _client ?? throw new InvalidOperationException("not started");

    public ClusterSiloSettings PrimarySettings { get; private set; } = new();

    public ClusterSiloSettings SecondarySettings { get; private set; } = new();

    public IGrainFactory Grains => Client.Grains();

    public async ValueTask InitializeAsync()
    {
        var pki = TestPki.Shared;
        PrimarySettings = TestSilos.Settings("silo-1", null, pki.Files("silo-1"));
        SecondarySettings = TestSilos.Settings("silo-2", PrimarySettings.SiloPort, pki.Files("silo-2"));
        _primary = await TestSilos.StartAsync(PrimarySettings);
        _secondary = await TestSilos.StartAsync(SecondarySettings);
        _client = await TestSilos.StartClientAsync(PrimarySettings.GatewayPort, pki.Files("gateway"));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in new[] { _client, _secondary, _primary })
        {
            if (host is not null)
            {
                await host.StopQuietlyAsync();
            }
        }
    }
}
