using System.Text.Json;
using System.Text.Json.Nodes;
using GovPlatform.Core.Hosting;

namespace GovPlatform.Core.Tenants;

/// <summary>Reads the tenant definitions shipped with the host under <c>tenants/</c>.</summary>
public sealed class TenantSeedReader(HostPaths paths)
{
    public IReadOnlyList<TenantSeed> ReadAll()
    {
        if (!Directory.Exists(paths.TenantsPath))
        {
            return [];
        }

        var seeds = new List<TenantSeed>();
        foreach (var folder in Directory.EnumerateDirectories(paths.TenantsPath).Order(StringComparer.Ordinal))
        {
            var file = Path.Combine(folder, "tenant.json");
            if (File.Exists(file))
            {
                seeds.Add(Read(Path.GetFileName(folder), file));
            }
        }

        return seeds;
    }

    private static TenantSeed Read(string name, string file)
    {
        try
        {
            var node = JsonNode.Parse(File.ReadAllText(file), documentOptions: new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            });
            return node is JsonObject definition
                ? new TenantSeed(name, file, definition, null)
                : new TenantSeed(name, file, null, "the file is not a JSON object");
        }
        catch (JsonException ex)
        {
            return new TenantSeed(name, file, null, $"malformed JSON: {ex.Message}");
        }
        catch (IOException ex)
        {
            return new TenantSeed(name, file, null, $"cannot be read: {ex.Message}");
        }
    }
}
