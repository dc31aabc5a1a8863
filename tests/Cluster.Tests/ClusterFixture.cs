namespace OrleansGossip.Cluster.Tests;

/// <summary>One three-silo test cluster running the emulator, shared by every test class of the collection.</summary>
public sealed class ClusterFixture() : DedicatedCluster<EmulatorSiloConfigurator>(SiloCount)
{
    public const short SiloCount = 3;

    public IGrainFactory Grains => Cluster.GrainFactory;
}
