using Npgsql;

namespace OrleansGossip.Hosting.Clustering;

/// <summary>
/// The PostgreSQL schema that <c>postgres</c> clustering needs: its tables and the queries the ADO.NET provider
/// reads from them. The script ships in this assembly (and beside it as <c>Sql/postgresql-clustering.sql</c>, for
/// <c>psql</c>); applying it again is harmless.
/// </summary>
public static class PostgresSchema
{
    /// <summary>The ADO.NET invariant name of Npgsql, as Orleans knows it.</summary>
    public const string Invariant = "Npgsql";

    public const string ScriptName = "postgresql-clustering.sql";

    /// <summary>The script's text.</summary>
    public static string Script()
    {
        using var stream = typeof(PostgresSchema).Assembly.GetManifestResourceStream(ScriptName)
            ?? throw new InvalidOperationException($"the resource {ScriptName} is missing from {typeof(PostgresSchema).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Applies the script to the database at <paramref name="connectionString"/>, in one transaction.</summary>
    public static async Task ApplyAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(Script(), connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
