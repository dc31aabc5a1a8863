using Xunit;

namespace OrleansGossip.Hosting.Tests;

/// <summary>Tests that set this process's environment variables run one at a time, apart from the others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "process environment";
}
