using System.Text.Json;
using System.Text.Json.Nodes;
using GovPlatform.Core.Hosting;

namespace GovPlatform.Core.Tenants;

/// <summary>
/// The host's own store of tenant definitions: <c>App_Data/tenants.json</c>, written atomically.
/// Seeded tenants are copied into it on first start; tenants created later live only here.
/// </summary>
public sealed class TenantStore(HostPaths paths) : IDisposable
{
    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly SemaphoreSlim _lock = new(1, 1);

    public string FilePath { get; } = Path.Combine(paths.DataRoot, "tenants.json");

    public void Dispose() => _lock.Dispose();

    public async Task<TenantStoreContent> LoadAsync(CancellationToken cancellationToken = default)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            return await ReadAsync(cancellationToken);
        }
        finally
        {
            _lock.Release();
        }
    }

    public Task SaveAsync(string name, JsonObject definition, CancellationToken cancellationToken = default) =>
        UpdateAsync(
            content =>
            {
                content.Definitions[name] = (JsonObject)definition.DeepClone();
                content.Removed.Remove(name);
            },
            cancellationToken);

    /// <summary>Removes a definition and remembers the name, so a seeded tenant is not seeded again at the next start.</summary>
    public Task RemoveAsync(string name, CancellationToken cancellationToken = default) =>
        UpdateAsync(
            content =>
            {
                content.Definitions.Remove(name);
                content.Removed.Add(name);
            },
            cancellationToken);

    private async Task UpdateAsync(Action<TenantStoreContent> change, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            var content = await ReadAsync(cancellationToken);
            change(content);
            var document = new JsonObject
            {
                ["tenants"] = new JsonObject(content.Definitions.OrderBy(p => p.Key, StringComparer.Ordinal)
                    .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value.DeepClone()))),
                ["removed"] = new JsonArray([.. content.Removed.Order(StringComparer.Ordinal).Select(n => (JsonNode)n)]),
            };
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            var temp = FilePath + ".tmp";
            await File.WriteAllTextAsync(temp, document.ToJsonString(WriteOptions), cancellationToken);
            File.Move(temp, FilePath, overwrite: true);
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<TenantStoreContent> ReadAsync(CancellationToken cancellationToken)
    {
        var content = new TenantStoreContent(new Dictionary<string, JsonObject>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
        if (!File.Exists(FilePath))
        {
            return content;
        }

        var text = await File.ReadAllTextAsync(FilePath, cancellationToken);
        var root = JsonNode.Parse(text) as JsonObject
            ?? throw new InvalidDataException($"{FilePath}: the host's tenant store is not a JSON object.");
        if (root["tenants"] is JsonObject tenants)
        {
            foreach (var (name, node) in tenants)
            {
                if (node is JsonObject definition)
                {
                    content.Definitions[name] = (JsonObject)definition.DeepClone();
                }
            }
        }

        if (root["removed"] is JsonArray removed)
        {
            content.Removed.UnionWith(removed.Select(n => (string?)n).OfType<string>());
        }

        return content;
    }
}
