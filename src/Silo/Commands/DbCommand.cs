using System.CommandLine;
using Npgsql;
using OrleansGossip.Hosting.Clustering;

namespace OrleansGossip.Silo.Commands;

/// <summary>
/// <c>db init --connection &lt;string&gt;</c>: applies the PostgreSQL schema that <c>postgres</c> clustering needs to a
/// database (its tables and the provider's queries). Running it again is harmless. Without <c>--connection</c> it takes
/// <c>Clustering__ConnectionString</c> from the environment.
/// </summary>
public static class DbCommand
{
    public const string ConnectionVariable = "Clustering__ConnectionString";

    public static Command Create()
    {
        var connection = new Option<string?>("--connection", "-c") { Description = $"The PostgreSQL connection string (default: ${ConnectionVariable})." };
        var init = new Command("init", "Create (or update) the clustering tables and queries in a PostgreSQL database.") { connection };
        init.SetAction((parse, cancellation) => InitAsync(parse.GetValue(connection) ?? Environment.GetEnvironmentVariable(ConnectionVariable), Console.Out, Console.Error, cancellation));
        return new Command("db", "The PostgreSQL database of postgres clustering.") { init };
    }

    public static async Task<int> InitAsync(string? connectionString, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await stderr.WriteLineAsync($"error: give the database with --connection or {ConnectionVariable}");
            return 2;
        }

        string database;
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            database = $"{builder.Database ?? builder.Username} on {builder.Host}:{builder.Port}";
        }
        catch (ArgumentException e)
        {
            await stderr.WriteLineAsync($"error: --connection is not a PostgreSQL connection string: {e.Message}");
            return 2;
        }

        try
        {
            await PostgresSchema.ApplyAsync(connectionString, cancellationToken);
        }
        catch (NpgsqlException e)
        {
            await stderr.WriteLineAsync($"error: applying the schema to {database} failed: {e.Message}");
            return 1;
        }

        await stdout.WriteLineAsync($"Applied the clustering schema ({PostgresSchema.ScriptName}) to {database}");
        return 0;
    }
}
