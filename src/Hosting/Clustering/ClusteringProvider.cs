namespace OrleansGossip.Hosting.Clustering;

/// <summary>Where the silos of a cluster keep their membership table, and so where silos and clients find each other.</summary>
public enum ClusteringProvider
{
    /// <summary>One machine: the silos' table lives in the primary silo, every port on loopback (the default).</summary>
    Localhost,

    /// <summary>Like <see cref="Localhost"/> but on any addresses: a primary silo named by endpoint, clients given gateways.</summary>
    Development,

    /// <summary>A Redis server holds the table (<c>Microsoft.Orleans.Clustering.Redis</c>).</summary>
    Redis,

    /// <summary>A PostgreSQL database holds the table (ADO.NET with Npgsql); its schema comes from <c>db init</c>.</summary>
    Postgres,
}
