using Microsoft.Extensions.Hosting;
using OrleansGossip.Hosting.Tests.Servers;
using StackExchange.Redis;
using OrleansGossip.Cluster.Tests;
using Xunit;

namespace OrleansGossip.Hosting.Tests;

/// <summary><c>Clustering:Provider = redis</c>: silos and a client that know nothing of each other but a Redis server.</summary>
public sealed class RedisClusteringTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task Silos_and_a_client_find_each_other_through_redis_and_run_a_scenario()
    {
        var clustering = HostingSilos.Clustering("redis", redis.ConnectionString, "redis");
        var hosts = new List<IHost>();
        try
        {
            hosts.Add(await HostingSilos.StartSiloAsync(HostingSilos.Settings("redis-1", clustering)));
            hosts.Add(await HostingSilos.StartSiloAsync(HostingSilos.Settings("redis-2", clustering)));
            var client = await HostingSilos.StartClientAsync(clustering);
            hosts.Add(client);

            await client.WaitForSilosAsync(2);
            await ClusterChecks.RunsTrafficAsync(client.Grains(), "redis");

            // The membership table is in Redis, under the cluster's id.
            await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
            var keys = connection.GetServer(connection.GetEndPoints()[0]).Keys(pattern: $"*{clustering.ClusterId}*").ToList();
            Assert.NotEmpty(keys);
        }
        finally
        {
            foreach (var host in Enumerable.Reverse(hosts))
            {
                await host.StopQuietlyAsync();
            }
        }
    }
}
