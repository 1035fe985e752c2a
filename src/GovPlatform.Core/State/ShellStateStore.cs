using System.Text.Json.Nodes;
using GovPlatform.Core.Hosting;
using GovPlatform.Core.Shells;
using Microsoft.Data.Sqlite;

namespace GovPlatform.Core.State;

/// <summary>
/// The shell's own documents in the tenant's database: the enabled feature set and the site settings.
/// SQLite: <c>App_Data/Sites/&lt;tenant&gt;/govplatform.db</c>, WAL, with a busy timeout.
/// </summary>
public sealed class ShellStateStore(HostPaths paths)
{
    public const string FeaturesDocument = "shell.features";
    public const string SiteSettingsDocument = "shell.site-settings";

    public string DatabasePath(ShellSettings settings) => Path.Combine(paths.TenantDataPath(settings.Name), "govplatform.db");

    public async Task<IReadOnlyList<string>?> LoadFeaturesAsync(ShellSettings settings, CancellationToken cancellationToken = default)
    {
        var document = await LoadAsync(settings, FeaturesDocument, cancellationToken);
        return document?["enabled"] is JsonArray array ? [.. array.Select(n => n!.GetValue<string>())] : null;
    }

    public Task SaveFeaturesAsync(ShellSettings settings, IEnumerable<string> featureIds, CancellationToken cancellationToken = default) =>
        SaveAsync(settings, FeaturesDocument, new JsonObject { ["enabled"] = new JsonArray([.. featureIds.Select(id => (JsonNode)id)]) }, cancellationToken);

    public async Task<JsonObject> LoadSiteSettingsAsync(ShellSettings settings, CancellationToken cancellationToken = default) =>
        await LoadAsync(settings, SiteSettingsDocument, cancellationToken) ?? [];

    public Task SaveSiteSettingsAsync(ShellSettings settings, JsonObject siteSettings, CancellationToken cancellationToken = default) =>
        SaveAsync(settings, SiteSettingsDocument, siteSettings, cancellationToken);

    /// <summary>Closes pooled connections to the tenant's database, before its files are moved or removed.</summary>
    public void Close(ShellSettings settings)
    {
        using var connection = new SqliteConnection(ConnectionString(settings));
        SqliteConnection.ClearPool(connection);
    }

    private async Task<JsonObject?> LoadAsync(ShellSettings settings, string id, CancellationToken cancellationToken)
    {
        if (!File.Exists(DatabasePath(settings)))
        {
            return null;
        }

        await using var connection = await OpenAsync(settings, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT content FROM gp_shell_documents WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        var content = (string?)await command.ExecuteScalarAsync(cancellationToken);
        return content is null ? null : JsonNode.Parse(content) as JsonObject;
    }

    private async Task SaveAsync(ShellSettings settings, string id, JsonObject document, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(settings, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO gp_shell_documents (id, content, version, updated_utc) VALUES ($id, $content, 1, $now)
            ON CONFLICT (id) DO UPDATE SET content = excluded.content, version = version + 1, updated_utc = excluded.updated_utc
            """;
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$content", document.ToJsonString());
        command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToString("O"));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<SqliteConnection> OpenAsync(ShellSettings settings, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(paths.TenantDataPath(settings.Name));
        var connection = new SqliteConnection(ConnectionString(settings));
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            PRAGMA busy_timeout = 5000;
            CREATE TABLE IF NOT EXISTS gp_shell_documents (
                id TEXT PRIMARY KEY NOT NULL,
                content TEXT NOT NULL,
                version INTEGER NOT NULL,
                updated_utc TEXT NOT NULL);
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    private string ConnectionString(ShellSettings settings) => new SqliteConnectionStringBuilder
    {
        DataSource = DatabasePath(settings),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();
}
