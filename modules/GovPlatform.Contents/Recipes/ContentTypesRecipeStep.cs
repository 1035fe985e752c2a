using System.Text.Json;
using GovPlatform.Contents.Services;
using GovPlatform.Recipes;

namespace GovPlatform.Contents.Recipes;

/// <summary>
/// The <c>content-types</c> recipe step: creates or replaces content types.
/// <code>{ "name": "content-types", "types": [{ "name": "News", "displayName": { "zh-CN": "新闻动态", "en": "News" }, "parts": [{ "kind": "title" }], "fields": [], "list": { "slug": "news" } }] }</code>
/// </summary>
internal sealed class ContentTypesRecipeStep(ContentDefinitionStore definitions) : IRecipeStep
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => "content-types";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        if (!context.Step.TryGetProperty("types", out var types) || types.ValueKind != JsonValueKind.Array)
        {
            throw new RecipeStepException($"Step {context.StepIndex + 1} (content-types) needs a \"types\" array.");
        }

        var batch = new List<ContentTypeDefinition>();
        var position = 0;
        foreach (var element in types.EnumerateArray())
        {
            position++;
            try
            {
                batch.Add(element.Deserialize<ContentTypeDefinition>(Json)
                    ?? throw new RecipeStepException($"Step {context.StepIndex + 1} (content-types), type {position} is empty."));
            }
            catch (JsonException e)
            {
                throw new RecipeStepException($"Step {context.StepIndex + 1} (content-types), type {position}: {e.Message}");
            }
        }

        // Saved together, so that types may pick each other's items whatever their order.
        var refused = await definitions.SaveAllAsync(batch, cancellationToken);
        if (refused.Count > 0)
        {
            throw new RecipeStepException($"Step {context.StepIndex + 1} (content-types): " + string.Join(" | ", refused.Select(r =>
                $"type '{r.Name}': {string.Join("; ", r.Errors.Select(e => $"{e.Key}: {e.Value}"))}")));
        }
    }
}
