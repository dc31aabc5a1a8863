using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansGossip.Grains.Hosting;
using OrleansGossip.Silo.Hosting;
using Xunit;

namespace OrleansGossip.Hosting.Tests;

/// <summary>A silo of a cluster takes its emulator settings from the <c>Emulator</c> section.</summary>
public sealed class EmulatorSettingsTests
{
    [Theory]
    [InlineData(null, NodePlacement.Random)]
    [InlineData("subnet", NodePlacement.Subnet)]
    [InlineData("Random", NodePlacement.Random)]
    public void A_silo_places_nodes_as_the_emulator_section_says(string? setting, NodePlacement expected)
    {
        using var silo = ClusterSilo.Build(new ClusterSiloSettings { Tls = false }, Configuration(setting));

        Assert.Equal(expected, silo.Services.GetRequiredService<IOptions<EmulatorOptions>>().Value.NodePlacement);
    }

    [Fact]
    public void A_bad_node_placement_is_named()
    {
        using var silo = ClusterSilo.Build(new ClusterSiloSettings { Tls = false }, Configuration("sideways"));

        var failure = Assert.Throws<InvalidOperationException>(() => silo.Services.GetRequiredService<IOptions<EmulatorOptions>>().Value);

        Assert.Contains("'Emulator:NodePlacement'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("sideways", failure.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(string? placement) => new ConfigurationBuilder()
        .AddInMemoryCollection(placement is null ? [] : new Dictionary<string, string?> { ["Emulator:NodePlacement"] = placement })
        .Build();
}
