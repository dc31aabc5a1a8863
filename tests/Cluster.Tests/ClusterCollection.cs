using Xunit;

namespace OrleansGossip.Cluster.Tests;

/// <summary>The test classes that share <see cref="ClusterFixture"/>; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Three-silo emulator cluster";
}
