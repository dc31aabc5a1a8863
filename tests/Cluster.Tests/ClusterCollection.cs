using Xunit;

namespace OrleansGossip.Cluster.Tests;

/// <summary>
/// The test classes that share <see cref="ClusterFixture"/>, and those with a cluster of their own: they run one after
/// another, so that no two runs compete for the machine and time out on each other's account.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Three-silo emulator cluster";
}
