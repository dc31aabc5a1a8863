using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.TestingHost;
using OrleansGossip.Grains.Hosting;

namespace OrleansGossip.Cluster.Tests;

/// <summary>
/// Configures every silo of the test cluster with the gossip emulator, as a production silo is, and with random
/// grain placement. Orleans' default, resource-optimized placement prefers the calling silo while the silos are
/// equally idle, so a run grain would activate all of its nodes beside itself and no gossip would cross silos;
/// random placement spreads each run's nodes over the three silos.
/// </summary>
public sealed class EmulatorSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.AddGossipEmulator();
        siloBuilder.Services.AddSingleton<PlacementStrategy, RandomPlacement>();
    }
}
