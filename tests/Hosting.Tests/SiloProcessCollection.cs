using Xunit;

namespace OrleansGossip.Hosting.Tests;

/// <summary>
/// Tests with silo processes of their own run alone: their membership probes are short, and on a small machine
/// other tests beside them would make a busy silo look dead.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SiloProcessCollection
{
    public const string Name = "silo processes";
}
