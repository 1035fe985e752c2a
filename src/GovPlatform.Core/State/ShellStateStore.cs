using System.Data.Common;
using System.Text.Json.Nodes;
using GovPlatform.Core.Data;
using GovPlatform.Core.Shells;
using GovPlatform.Data;

namespace GovPlatform.Core.State;

/// <summary>
/// The shell's own documents in the tenant's database (<c>gp_documents</c>, type <c>shell</c>): the enabled feature
/// set, the site settings and the features' last migration errors. Read before the shell exists, so plain ADO.NET.
/// </summary>
public sealed class ShellStateStore(TenantDatabaseFactory databases, TenantStorage storage, TimeProvider clock)
{
    public const string DocumentType = "shell";
    public const string FeaturesDocument = "features";
    public const string SiteSettingsDocument = "site-settings";
    public const string FeatureErrorsDocument = "feature-errors";

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

    /// <summary>Features whose last migration failed: id → { error, version, atUtc }.</summary>
    public async Task<JsonObject> LoadFeatureErrorsAsync(ShellSettings settings, CancellationToken cancellationToken = default) =>
        await LoadAsync(settings, FeatureErrorsDocument, cancellationToken) ?? [];

    public Task SaveFeatureErrorsAsync(ShellSettings settings, JsonObject errors, CancellationToken cancellationToken = default) =>
        SaveAsync(settings, FeatureErrorsDocument, errors, cancellationToken);

    private async Task<JsonObject?> LoadAsync(ShellSettings settings, string id, CancellationToken cancellationToken)
    {
        var database = databases.Get(settings);
        await storage.EnsureCreatedAsync(database, cancellationToken);
        return await DatabaseErrors.Retry.ExecuteAsync(async ct =>
        {
            await using var connection = await OpenAsync(database, ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT content FROM gp_documents WHERE type = @type AND id = @id";
            AddParameter(command, "type", DocumentType);
            AddParameter(command, "id", id);
            var content = await command.ExecuteScalarAsync(ct) as string;
            return content is null ? null : JsonNode.Parse(content) as JsonObject;
        }, cancellationToken);
    }

    private async Task SaveAsync(ShellSettings settings, string id, JsonObject document, CancellationToken cancellationToken)
    {
        var database = databases.Get(settings);
        await storage.EnsureCreatedAsync(database, cancellationToken);
        await DatabaseErrors.Retry.ExecuteAsync(async ct =>
        {
            await using var connection = await OpenAsync(database, ct);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO gp_documents (type, id, content, version, created_utc, updated_utc) VALUES (@type, @id, @content, 1, @now, @now)
                ON CONFLICT (type, id) DO UPDATE SET content = excluded.content, version = gp_documents.version + 1, updated_utc = excluded.updated_utc
                """;
            AddParameter(command, "type", DocumentType);
            AddParameter(command, "id", id);
            AddParameter(command, "content", document.ToJsonString());
            AddParameter(command, "now", UtcDateTimeConverter.ToStored(clock.GetUtcNow().UtcDateTime));
            await command.ExecuteNonQueryAsync(ct);
        }, cancellationToken);
    }

    private static async Task<DbConnection> OpenAsync(TenantDatabase database, CancellationToken cancellationToken)
    {
        var connection = database.CreateConnection();
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
