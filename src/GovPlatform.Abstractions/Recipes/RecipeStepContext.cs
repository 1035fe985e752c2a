using System.Text.Json;
using GovPlatform.Tenants;

namespace GovPlatform.Recipes;

/// <summary>What a recipe step gets: its own JSON, the tenant, and the tenant's scoped services.</summary>
public sealed class RecipeStepContext(string recipeName, int stepIndex, JsonElement step, ITenant tenant, IServiceProvider services)
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
}
