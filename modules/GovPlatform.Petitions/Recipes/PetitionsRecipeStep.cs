using System.Text.Json;
using GovPlatform.Localization;
using GovPlatform.Petitions.Models;
using GovPlatform.Petitions.Services;
using GovPlatform.Recipes;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Petitions.Recipes;

/// <summary>
/// The <c>petitions</c> recipe step: the tenant's departments, duty list and petition rules, inline or from a file
/// beside the recipe (<c>"file": "petitions.json"</c>). Entries are matched by code, so running it again adds nothing.
/// <code>{ "departments": [ { "code": "chengguan", "name": { "zh-CN": "…", "en": "…" } } ],
///   "categories": [ { "code": "01", "name": {…}, "items": [ { "code": "0101", "name": {…}, "department": "chengguan", "deadline": "2h", "onTheSpot": false } ] } ],
///   "settings": { "intakeDepth": 3, "warnBeforeHours": 4, "ratingDays": 7, "reopenDays": 15 } }</code>
/// Any department, category or item may say <c>"active": false</c> (the admin's export writes it for deactivated ones).
/// </summary>
internal sealed class PetitionsRecipeStep(PetitionCatalogEditor editor, PetitionSettingsStore settingsStore, GovPlatform.Data.TenantDbContext db) : IRecipeStep
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => "petitions";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var label = $"Step {context.StepIndex + 1} (petitions)";
        List<JsonElement> sources = [context.Step];
        JsonDocument? file = null;
        try
        {
            if (context.Step.TryGetProperty("file", out var name) && name.GetString() is { Length: > 0 } path)
            {
                await using var stream = File.OpenRead(context.ResolveFile(path));
                file = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
                sources.Add(file.RootElement);
                label = $"{label}, {path}";
            }

            List<PetitionCatalogEditor.DepartmentInput> departments = [];
            List<PetitionCatalogEditor.CategoryInput> categories = [];
            PetitionSettings? settings = null;
            foreach (var source in sources)
            {
                if (source.TryGetProperty("departments", out var list))
                {
                    departments.AddRange(Read<DepartmentEntry>(list, label, "departments").Select(d => new PetitionCatalogEditor.DepartmentInput(d.Code ?? "", d.Name, d.Active ?? true)));
                }

                if (source.TryGetProperty("categories", out var roots))
                {
                    foreach (var root in Read<CategoryEntry>(roots, label, "categories"))
                    {
                        categories.Add(new(root.Code ?? "", null, root.Name, root.Department, root.Deadline, root.OnTheSpot, root.Active ?? true));
                        categories.AddRange((root.Items ?? []).Select(i => new PetitionCatalogEditor.CategoryInput(i.Code ?? "", root.Code, i.Name, i.Department, i.Deadline, i.OnTheSpot, i.Active ?? true)));
                    }
                }

                if (source.TryGetProperty("settings", out var patch))
                {
                    settings = Patch(await settingsStore.GetAsync(cancellationToken), patch, label);
                }
            }

            var known = await db.Set<PetitionDepartment>().Select(d => d.Code).ToListAsync(cancellationToken);
            var errors = PetitionCatalogEditor.Validate(departments, categories, known);
            if (settings is not null)
            {
                errors.AddRange(PetitionSettingsStore.Validate(settings).Select(e => $"settings.{e.Key}: {e.Value.English}"));
            }

            if (errors.Count > 0)
            {
                throw new RecipeStepException($"{label}: {string.Join(" ", errors.Take(20))}");
            }

            if (settings is not null)
            {
                await settingsStore.SaveAsync(settings, cancellationToken);
            }

            await editor.SaveAsync(departments, categories, cancellationToken);
        }
        finally
        {
            file?.Dispose();
        }
    }

    private static List<T> Read<T>(JsonElement element, string label, string property)
    {
        try
        {
            return element.Deserialize<List<T>>(Json) ?? [];
        }
        catch (JsonException ex)
        {
            throw new RecipeStepException($"{label}: '{property}' is not valid: {ex.Message}");
        }
    }

    private static PetitionSettings Patch(PetitionSettings current, JsonElement patch, string label)
    {
        try
        {
            var merged = JsonSerializer.SerializeToNode(current, Json)!.AsObject();
            foreach (var property in patch.EnumerateObject())
            {
                merged[property.Name] = System.Text.Json.Nodes.JsonNode.Parse(property.Value.GetRawText());
            }

            return merged.Deserialize<PetitionSettings>(Json) ?? current;
        }
        catch (JsonException ex)
        {
            throw new RecipeStepException($"{label}: 'settings' is not valid: {ex.Message}");
        }
    }

    private sealed record DepartmentEntry(string? Code, BilingualText Name, bool? Active);

    private sealed record CategoryEntry(string? Code, BilingualText Name, string? Department, string? Deadline, bool OnTheSpot, bool? Active, List<CategoryEntry>? Items);
}
