using System.Text.Json;
using GovPlatform.Tenants;

namespace GovPlatform.Recipes;

/// <summary>What a recipe step gets: its own JSON, the tenant, and the tenant's scoped services.</summary>
public sealed class RecipeStepContext(string recipeName, int stepIndex, JsonElement step, ITenant tenant, IServiceProvider services, string? recipeDirectory = null)
{
    /// <summary>The name of the recipe being run.</summary>
    public string RecipeName { get; } = recipeName;

    /// <summary>Zero-based position of the step in the recipe.</summary>
    public int StepIndex { get; } = stepIndex;

    /// <summary>The step's JSON object, including its <c>name</c>.</summary>
    public JsonElement Step { get; } = step;

    /// <summary>The tenant being set up.</summary>
    public ITenant Tenant { get; } = tenant;

    /// <summary>Scoped services of the tenant's shell.</summary>
    public IServiceProvider Services { get; } = services;

    /// <summary>The folder of the recipe file, or null for a recipe that did not come from a file.</summary>
    public string? RecipeDirectory { get; } = recipeDirectory;

    /// <summary>
    /// The full path of a file the step names beside the recipe (<c>"file": "grid.geojson"</c>). Refuses a path that
    /// leaves the recipe's folder, a recipe without a folder and a missing file, with a message for the administrator.
    /// </summary>
    public string ResolveFile(string relativePath)
    {
        if (RecipeDirectory is null)
        {
            throw new RecipeStepException($"Step {StepIndex + 1} names the file '{relativePath}', but the recipe '{RecipeName}' has no folder.");
        }

        var folder = Path.GetFullPath(RecipeDirectory);
        var full = Path.GetFullPath(relativePath, folder);
        if (!full.StartsWith(folder.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new RecipeStepException($"Step {StepIndex + 1}: the file '{relativePath}' is outside the recipe's folder.");
        }

        return File.Exists(full) ? full : throw new RecipeStepException($"Step {StepIndex + 1}: the file '{relativePath}' is not in the recipe's folder.");
    }
}
