using Microsoft.Extensions.Hosting;
using Npgsql;
using OrleansGossip.Hosting.Clustering;
using OrleansGossip.Hosting.Tests.Servers;
using OrleansGossip.Silo.Commands;
using OrleansGossip.Cluster.Tests;
using Xunit;

namespace OrleansGossip.Hosting.Tests;

/// <summary>
/// <c>Clustering:Provider = postgres</c>: the schema applied by <c>db init</c>, then silos and a client that share
/// nothing but the database.
/// </summary>
public sealed class PostgresClusteringTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task Db_init_applies_the_schema_and_applying_it_again_is_harmless()
    {
        var database = await postgres.CreateDatabaseAsync($"init_{Guid.NewGuid():N}");
        var output = new StringWriter();
        Assert.Equal(0, await DbCommand.InitAsync(database, output, TextWriter.Null, TestContext.Current.CancellationToken));
        Assert.Equal(0, await DbCommand.InitAsync(database, output, TextWriter.Null, TestContext.Current.CancellationToken));
        Assert.Contains("Applied the clustering schema", output.ToString(), StringComparison.Ordinal);

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM OrleansQuery", connection);
        Assert.Equal(10L, (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!);
    }

    [Fact]
    public async Task Db_init_names_a_bad_connection_string()
    {
        var error = new StringWriter();
        Assert.Equal(2, await DbCommand.InitAsync("Host=127.0.0.1;Nonsense Key=1", TextWriter.Null, error, TestContext.Current.CancellationToken));
        Assert.Contains("--connection", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silos_and_a_client_find_each_other_through_postgres_and_run_a_scenario()
    {
        var database = await postgres.CreateDatabaseAsync($"cluster_{Guid.NewGuid():N}");
        await PostgresSchema.ApplyAsync(database, TestContext.Current.CancellationToken);
        var clustering = HostingSilos.Clustering("postgres", database, "postgres");
        var hosts = new List<IHost>();
        try
        {
            hosts.Add(await HostingSilos.StartSiloAsync(HostingSilos.Settings("pg-1", clustering)));
            hosts.Add(await HostingSilos.StartSiloAsync(HostingSilos.Settings("pg-2", clustering)));
            var client = await HostingSilos.StartClientAsync(clustering);
            hosts.Add(client);

            await client.WaitForSilosAsync(2);
            await ClusterChecks.RunsTrafficAsync(client.Grains(), "postgres");

            // Both silos are rows of the table, active (status 3), under the cluster's id.
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = new NpgsqlCommand("SELECT silo_name FROM orleans_membership WHERE deployment_id = @id AND status = 3 ORDER BY silo_name", connection);
            command.Parameters.AddWithValue("id", clustering.ClusterId!);
            var names = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken))
            {
                while (await reader.ReadAsync(TestContext.Current.CancellationToken))
                {
                    names.Add(reader.GetString(0));
                }
            }

            Assert.Equal(["pg-1", "pg-2"], names);
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
