using System.Text.Json;
using GovPlatform.Contents.Services;
using GovPlatform.Recipes;

namespace GovPlatform.Contents.Recipes;

/// <summary>
/// The <c>contents</c> recipe step: content items, inline (<c>"items": [...]</c>) or from a JSON file beside the
/// recipe (<c>"file": "contents.json"</c>). An item with an <c>id</c> (or a slug) already present is updated, so
/// running the step again adds nothing.
/// <code>{ "id": "news-1", "contentType": "News", "title": "…", "body": "…", "slug": "news/1", "fields": { }, "publish": true, "publishedUtc": "2024-05-01T00:00:00Z" }</code>
/// </summary>
internal sealed class ContentsRecipeStep(ContentManager contents) : IRecipeStep
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => "contents";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var label = $"Step {context.StepIndex + 1} (contents)";
        List<RecipeItem> items = [];
        if (context.Step.TryGetProperty("items", out var inline))
        {
            items.AddRange(Read(inline, label));
        }

        if (context.Step.TryGetProperty("file", out var file) && file.GetString() is { Length: > 0 } name)
        {
            var path = context.ResolveFile(name);
            await using var stream = File.OpenRead(path);
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
            items.AddRange(Read(document.RootElement, $"{label}, {name}"));
        }

        var position = 0;
        foreach (var entry in items)
        {
            position++;
            var existing = entry.Id is { Length: > 0 } id
                ? await contents.GetLatestAsync(id, cancellationToken)
                : entry.Slug is { Length: > 0 } slug ? await contents.FindLatestBySlugAsync(slug, cancellationToken) : null;
            var item = existing ?? await contents.NewAsync(entry.ContentType ?? "", cancellationToken)
                ?? throw new RecipeStepException($"{label}, item {position}: there is no content type '{entry.ContentType}'.");
            item.ContentItemId = existing?.ContentItemId ?? entry.Id ?? "";
            entry.ApplyTo(item);
            item.PublishedUtc = entry.PublishedUtc;
            var result = await contents.SaveAsync(item, entry.Publish ?? true, cancellationToken);
            if (!result.Succeeded)
            {
                throw new RecipeStepException(
                    $"{label}, item {position} ({entry.Title ?? entry.Id}): {string.Join("; ", result.Errors.Select(e => $"{e.Key}: {e.Value}"))}");
            }
        }
    }

    private static List<RecipeItem> Read(JsonElement array, string label)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new RecipeStepException($"{label}: the items are a JSON array.");
        }

        try
        {
            return array.Deserialize<List<RecipeItem>>(Json) ?? [];
        }
        catch (JsonException e)
        {
            throw new RecipeStepException($"{label}: {e.Message}");
        }
    }

    private sealed class RecipeItem : ContentItemValues
    {
        public string? Id { get; set; }

        public string? ContentType { get; set; }

        public bool? Publish { get; set; }

        public DateTime? PublishedUtc { get; set; }
    }
}
