using Orleans.TestingHost;
using Xunit;

namespace OrleansGossip.Cluster.Tests;

/// <summary>A test cluster of <paramref name="silos"/> silos, each configured by <typeparamref name="TConfigurator"/>, for the tests of one fixture.</summary>
public abstract class DedicatedCluster<TConfigurator>(short silos) : IAsyncLifetime
    where TConfigurator : ISiloConfigurator, new()
{
    private TestCluster? _cluster;

    public TestCluster Cluster => _cluster ?? throw new InvalidOperationException("the test cluster has not been deployed");

    public async ValueTask InitializeAsync()
    {
        var builder = new TestClusterBuilder();
        builder.Options.InitialSilosCount = silos;
        builder.AddSiloBuilderConfigurator<TConfigurator>();
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
