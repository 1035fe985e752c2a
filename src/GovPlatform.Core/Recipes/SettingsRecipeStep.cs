using System.Text.Json.Nodes;
using GovPlatform.Core.Shells;
using GovPlatform.Core.State;
using GovPlatform.Recipes;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Core.Recipes;

/// <summary>
/// The built-in <c>settings</c> step: merges its properties into the tenant's site settings, which every shell of
/// the tenant reads as configuration (site name, description, feature flags…).
/// </summary>
internal sealed class SettingsRecipeStep(ShellStateStore store) : IRecipeStep
{
    public string Name => "settings";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var settings = context.Services.GetRequiredService<ShellSettings>();
        var current = await store.LoadSiteSettingsAsync(settings, cancellationToken);
        var patch = JsonNode.Parse(context.Step.GetRawText())!.AsObject();
        patch.Remove("name");
        SiteSettings.Merge(current, patch);
        await store.SaveSiteSettingsAsync(settings, current, cancellationToken);
    }
}
