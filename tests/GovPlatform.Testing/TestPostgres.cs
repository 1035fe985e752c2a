using Npgsql;

namespace GovPlatform.Testing;

/// <summary>
/// The PostgreSQL server the tests of this process share. <c>./test.sh</c> starts one and passes its connection
/// string in <see cref="ConnectionStringVariable"/>; without it (a plain <c>dotnet test</c>), the first use starts
/// one private <see cref="PostgresServer"/> for this process, stopped when the process exits. Tests that need a
/// database of their own take one from <see cref="CreateDatabaseAsync"/> and give it back with
/// <see cref="DropDatabaseAsync"/>.
/// </summary>
public static class TestPostgres
{
    /// <summary>The environment variable with the connection string of the server to use (set by test.sh).</summary>
    public const string ConnectionStringVariable = "GOVPLATFORM_TEST_POSTGRES";

    private static readonly Lazy<string?> SharedConnectionString = new(Resolve, LazyThreadSafetyMode.ExecutionAndPublication);
    private static PostgresServer? _ownServer;

    /// <summary>
    /// Connection string to the shared server's <c>postgres</c> database as a superuser; null when
    /// <see cref="ConnectionStringVariable"/> is not set and PostgreSQL is not installed. Throws when PostgreSQL is
    /// installed but the server could not be started (and every later call throws the same).
    /// </summary>
    public static string? ConnectionString => SharedConnectionString.Value;

    /// <summary>Whether there is a server to test against (see <see cref="ConnectionString"/>).</summary>
    public static bool IsAvailable => ConnectionString is not null;

    /// <summary>
    /// Creates a fresh, empty database on the shared server, named <paramref name="prefix"/> and a short unique
    /// suffix (lower-case), and returns a connection string to it.
    /// </summary>
    /// <param name="prefix">Start of the database's name: letters, digits and underscores, e.g. <c>tenants</c>.</param>
    /// <param name="cancellationToken">Cancels the creation.</param>
    public static async Task<string> CreateDatabaseAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length > 40 || !prefix.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException("The prefix takes at most 40 ASCII letters, digits and underscores.", nameof(prefix));
        }

        var server = ConnectionString ?? throw new InvalidOperationException(
            $"No PostgreSQL for the tests: {ConnectionStringVariable} is not set and PostgreSQL is not installed (run ./test.sh).");
        var name = (prefix.Length == 0 ? "test_" : prefix.TrimEnd('_') + "_") + Guid.NewGuid().ToString("N")[..12];
        name = name.ToLowerInvariant();

        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE {QuoteIdentifier(name)}", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// Drops the database that <paramref name="connectionString"/> points at (as made by
    /// <see cref="CreateDatabaseAsync"/>), closing its connections first (<c>WITH (FORCE)</c>); no error when it
    /// is gone already.
    /// </summary>
    public static async Task DropDatabaseAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var name = builder.Database;
        if (string.IsNullOrEmpty(name) || name is "postgres" or "template0" or "template1")
        {
            throw new ArgumentException($"Not a test database: '{name}'.", nameof(connectionString));
        }

        await using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        builder.Database = "postgres";
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {QuoteIdentifier(name)} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string? Resolve()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        if (!PostgresServer.IsInstalled)
        {
            return null;
        }

        // Blocking here is fine: nothing of this library needs the caller's synchronization context.
        var server = Task.Run(() => PostgresServer.StartAsync()).GetAwaiter().GetResult();
        _ownServer = server;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopOwnServer();
        return server.ConnectionString;
    }

    private static void StopOwnServer()
    {
        var server = Interlocked.Exchange(ref _ownServer, null);
        server?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
