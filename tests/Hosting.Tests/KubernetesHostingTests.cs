using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansGossip.Hosting.Clustering;
using OrleansGossip.Silo.Hosting;
using Xunit;

namespace OrleansGossip.Hosting.Tests;

/// <summary>
/// <c>Clustering:Kubernetes = true</c>, without a Kubernetes cluster: what the pod's environment becomes in the silo's
/// options, and what is missing when it is not a pod. (The silo is built, not started: starting needs the Kubernetes API.)
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class KubernetesHostingTests
{
    private static readonly Dictionary<string, string?> Pod = new()
    {
        [KubernetesPod.NameVariable] = "orleansgossip-silo-7d9f-x2x4q",
        [KubernetesPod.NamespaceVariable] = "gossip",
        [KubernetesPod.AddressVariable] = "10.244.1.17",
        [KubernetesPod.ClusterIdVariable] = "prod-a",
        [KubernetesPod.ServiceIdVariable] = "orleansgossip",
    };

    [Fact]
    public void The_pod_environment_maps_to_a_pod()
    {
        var pod = KubernetesPod.From(name => Pod.GetValueOrDefault(name));

        Assert.Equal(new KubernetesPod("orleansgossip-silo-7d9f-x2x4q", "gossip", IPAddress.Parse("10.244.1.17"), "prod-a", "orleansgossip"), pod);
    }

    [Fact]
    public void Outside_a_pod_each_missing_variable_is_named()
    {
        var options = new ClusteringOptions { Provider = "redis", ConnectionString = "127.0.0.1:6379", Kubernetes = true };

        var result = new ClusteringOptionsValidator(ClusteringRole.Silo, _ => null).Validate(null, options);

        Assert.Equal(
            ["POD_NAME", "POD_NAMESPACE", "POD_IP"],
            result.Failures!.Select(f => f.Split(' ').First(w => w.StartsWith("POD_", StringComparison.Ordinal))));
        Assert.All(result.Failures!, f => Assert.StartsWith("Clustering:Kubernetes is on but the environment variable", f, StringComparison.Ordinal));
    }

    [Fact]
    public void Kubernetes_needs_a_shared_membership_table()
    {
        var options = new ClusteringOptions { Provider = "localhost", Kubernetes = true };

        var result = new ClusteringOptionsValidator(ClusteringRole.Silo, name => Pod.GetValueOrDefault(name)).Validate(null, options);

        Assert.Equal(["Clustering:Kubernetes needs a membership table that every pod shares: set Clustering:Provider to redis or postgres, not localhost"], result.Failures);
    }

    [Fact]
    public void A_silo_in_a_pod_takes_its_name_address_and_cluster_from_the_pod()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Clustering:Provider"] = "redis",
                ["Clustering:ConnectionString"] = "redis.gossip.svc:6379",
                ["Clustering:Kubernetes"] = "true",
            })
            .Build();
        foreach (var (name, value) in Pod)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        try
        {
            using var host = ClusterSilo.Build(new ClusterSiloSettings { Tls = false, SiloPort = 11111, GatewayPort = 30000 }, configuration);

            var endpoints = host.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
            Assert.Equal(IPAddress.Parse("10.244.1.17"), endpoints.AdvertisedIPAddress);
            Assert.Equal(11111, endpoints.SiloPort);
            Assert.Equal(30000, endpoints.GatewayPort);
            Assert.Equal("orleansgossip-silo-7d9f-x2x4q", host.Services.GetRequiredService<IOptions<SiloOptions>>().Value.SiloName);
            var cluster = host.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
            Assert.Equal("prod-a", cluster.ClusterId);
            Assert.Equal("orleansgossip", cluster.ServiceId);
        }
        finally
        {
            foreach (var name in Pod.Keys)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }
}
