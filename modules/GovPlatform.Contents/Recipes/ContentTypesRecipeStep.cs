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

        var position = 0;
        foreach (var element in types.EnumerateArray())
        {
            position++;
            ContentTypeDefinition? type;
            try
            {
                type = element.Deserialize<ContentTypeDefinition>(Json);
            }
            catch (JsonException e)
            {
                throw new RecipeStepException($"Step {context.StepIndex + 1} (content-types), type {position}: {e.Message}");
            }

            if (type is null)
            {
                throw new RecipeStepException($"Step {context.StepIndex + 1} (content-types), type {position} is empty.");
            }

            var result = await definitions.SaveAsync(type, cancellationToken);
            if (!result.Succeeded)
            {
                throw new RecipeStepException(
                    $"Step {context.StepIndex + 1} (content-types), type '{type.Name}': {string.Join("; ", result.Errors.Select(e => $"{e.Key}: {e.Value}"))}");
            }
        }
    }
}
