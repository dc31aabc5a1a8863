using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansGossip.Hosting.Clustering;
using OrleansGossip.Silo.Hosting;
using Xunit;

namespace OrleansGossip.Hosting.Tests;

/// <summary>A bad or missing <c>Clustering</c> key stops a silo or a client before it starts, naming the key.</summary>
public sealed class ClusteringSettingsTests
{
    [Theory]
    [InlineData("Provider", "zookeeper", "Clustering:Provider 'zookeeper' is not one of localhost, development, redis, postgres")]
    [InlineData("Provider", "2", "Clustering:Provider '2' is not one of")]
    [InlineData("Provider", "redis", "Clustering:ConnectionString is required when Clustering:Provider is redis")]
    [InlineData("Provider", "postgres", "Clustering:ConnectionString is required when Clustering:Provider is postgres")]
    [InlineData("AdvertisedAddress", "not-an-ip", "Clustering:AdvertisedAddress 'not-an-ip' is not an IP address")]
    [InlineData("ClusterId", " ", "Clustering:ClusterId must not be blank")]
    public void A_silo_with_a_bad_setting_fails_to_build_naming_the_key(string key, string value, string message)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"Clustering:{key}"] = value })
            .Build();

        var failure = Assert.Throws<OptionsValidationException>(() => ClusterSilo.Build(new ClusterSiloSettings { Tls = false }, configuration));

        Assert.Contains(failure.Failures, f => f.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_postgres_connection_string_is_named()
    {
        var options = new ClusteringOptions { Provider = "postgres", ConnectionString = "Host=db;Frobnicate=yes" };

        var result = new ClusteringOptionsValidator(ClusteringRole.Silo).Validate(null, options);

        Assert.Contains(result.Failures!, f => f.StartsWith("Clustering:ConnectionString is not a PostgreSQL connection string", StringComparison.Ordinal));
    }

    [Fact]
    public void A_client_with_bad_gateways_fails_naming_each()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Clustering:Provider"] = "development",
                ["Clustering:Gateways:0"] = "127.0.0.1:30000",
                ["Clustering:Gateways:1"] = "127.0.0.1",
            })
            .Build();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });

        var failure = Assert.Throws<OptionsValidationException>(() => builder.UseOrleansClient(client => client.UseGossipClustering(configuration)));

        Assert.Equal(["Clustering:Gateways:1 '127.0.0.1' is not an address:port endpoint"], failure.Failures);
    }

    [Fact]
    public void A_development_client_needs_a_gateway()
    {
        var result = new ClusteringOptionsValidator(ClusteringRole.Client).Validate(null, new ClusteringOptions { Provider = "Development" });

        Assert.Contains(result.Failures!, f => f.StartsWith("Clustering:Gateways needs at least one", StringComparison.Ordinal));
    }

    [Fact]
    public void No_section_means_localhost_and_is_valid_for_both_sides()
    {
        var options = new ConfigurationBuilder().Build().ReadClustering();

        Assert.Equal(ClusteringProvider.Localhost, options.ParsedProvider);
        Assert.True(new ClusteringOptionsValidator(ClusteringRole.Silo).Validate(null, options).Succeeded);
        Assert.True(new ClusteringOptionsValidator(ClusteringRole.Client).Validate(null, options).Succeeded);
    }
}
