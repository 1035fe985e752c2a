namespace GovPlatform.Data;

/// <summary>The database providers a tenant can be stored in.</summary>
public static class DatabaseProviders
{
    /// <summary>One SQLite file per tenant under <c>App_Data/Sites/&lt;tenant&gt;/</c>; the default, nothing to install.</summary>
    public const string Sqlite = "Sqlite";

    /// <summary>PostgreSQL through Npgsql: a schema per tenant, or a database per tenant.</summary>
    public const string Postgres = "Postgres";
}
