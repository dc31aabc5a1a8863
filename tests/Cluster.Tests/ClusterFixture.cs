using Orleans.TestingHost;
using Xunit;

namespace OrleansGossip.Cluster.Tests;

/// <summary>One three-silo test cluster running the emulator, shared by every test class of the collection.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const short SiloCount = 3;

    private TestCluster? _cluster;

    public TestCluster Cluster => _cluster ?? throw new InvalidOperationException("the test cluster has not been deployed");

    public IGrainFactory Grains => Cluster.GrainFactory;

    public async ValueTask InitializeAsync()
    {
        var builder = new TestClusterBuilder();
        builder.Options.InitialSilosCount = SiloCount;
        builder.AddSiloBuilderConfigurator<EmulatorSiloConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
            _cluster = null;
        }
    }
}
