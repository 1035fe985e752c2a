using System.Text.Json;
using System.Text.Json.Nodes;
using GovPlatform.Core.Hosting;
using Microsoft.Extensions.Logging;

namespace GovPlatform.Core.Recipes;

/// <summary>The recipes a tenant can be set up with: every <c>recipe.json</c> and <c>*.recipe.json</c> under the recipe paths.</summary>
public sealed class RecipeCatalog(HostPaths paths, ILogger<RecipeCatalog> logger)
{
    private static readonly JsonDocumentOptions ReadOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>All readable recipes by name. Files are read on each call, so an operator's edit takes effect at the next set-up.</summary>
    public IReadOnlyDictionary<string, RecipeDescriptor> List()
    {
        var result = new Dictionary<string, RecipeDescriptor>(StringComparer.Ordinal);
        foreach (var folder in paths.RecipePaths.Where(Directory.Exists).Distinct())
        {
            var files = Directory.EnumerateFiles(folder, "*recipe.json", SearchOption.AllDirectories)
                .Where(f => System.IO.Path.GetFileName(f) is "recipe.json" || f.EndsWith(".recipe.json", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal);
            foreach (var file in files)
            {
                var (recipe, error) = Read(file);
                if (recipe is null)
                {
                    logger.LogWarning("Recipe {File} is skipped: {Error}", file, error);
                }
                else if (!result.TryAdd(recipe.Name, recipe))
                {
                    logger.LogWarning("Recipe {File} is skipped: the name '{Name}' is already taken by {Other}", file, recipe.Name, result[recipe.Name].Path);
                }
            }
        }

        return result;
    }

    public RecipeDescriptor? Find(string name) => List().GetValueOrDefault(name);

    public static (RecipeDescriptor? Recipe, string? Error) Read(string file)
    {
        try
        {
            if (JsonNode.Parse(File.ReadAllText(file), documentOptions: ReadOptions) is not JsonObject root)
            {
                return (null, "not a JSON object");
            }

            var name = (string?)root["name"];
            if (string.IsNullOrWhiteSpace(name))
            {
                return (null, "no \"name\"");
            }

            if (root["steps"] is not JsonArray steps || steps.Any(s => s is not JsonObject step || string.IsNullOrWhiteSpace((string?)step["name"])))
            {
                return (null, "\"steps\" must be an array of objects, each with a \"name\"");
            }

            return (new RecipeDescriptor(name, (string?)root["displayName"] ?? name, (string?)root["description"] ?? "", file, steps), null);
        }
        catch (Exception ex) when (ex is JsonException or IOException or InvalidOperationException or FormatException)
        {
            return (null, ex.Message);
        }
    }
}
