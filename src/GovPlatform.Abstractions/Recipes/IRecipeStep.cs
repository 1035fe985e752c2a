namespace GovPlatform.Recipes;

/// <summary>A named step of a recipe; modules register their own to seed their data at tenant set-up.</summary>
/// <remarks>Steps are found by scanning module assemblies and belong to the feature named by <see cref="GovPlatform.Modules.ForFeatureAttribute"/> (or the module's main feature).</remarks>
public interface IRecipeStep
{
    /// <summary>The step name as written in recipe JSON (<c>"name": "grid"</c>).</summary>
    string Name { get; }

    /// <summary>Runs the step; throw <see cref="RecipeStepException"/> with a clear message when its data is wrong.</summary>
    Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken);
}
