using Xunit;

namespace OrleansGossip.Security.Tests;

[CollectionDefinition(Name)]
public sealed class TlsClusterCollection : ICollectionFixture<TlsClusterFixture>
{
    public const string Name = "tls-cluster";
}
