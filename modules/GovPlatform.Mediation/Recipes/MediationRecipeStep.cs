using System.Text.Json;
using System.Text.Json.Nodes;
using GovPlatform.Localization;
using GovPlatform.Mediation.Bodies;
using GovPlatform.Mediation.Models;
using GovPlatform.Mediation.Services;
using GovPlatform.Recipes;

namespace GovPlatform.Mediation.Recipes;

/// <summary>
/// The <c>mediation</c> recipe step: the tenant's mediation rules and bodies with their mediators, inline or from a
/// file beside the recipe (<c>"file": "mediation.json"</c>). Bodies are matched by code, so running it again adds
/// nothing; any error refuses the whole step.
/// <code>{ "settings": { "reportingDepth": 3, "defaultPetitionCategory": "0201", "petitionCategories": { "Family": "0202" } },
///   "bodies": [ { "code": "wudamen-wulao", "kind": "EldersStudio", "name": { "zh-CN": "…", "en": "…" }, "gridUnit": "210802-01-001",
///     "address": "…", "hours": "…", "opens": "08:30", "closes": "17:00", "capacity": 4, "phone": "…", "description": "…",
///     "mediators": [ { "name": "…", "role": "Elder", "background": "PartyMember", "profile": "…", "phone": "…", "userName": null } ] } ] }</code>
/// </summary>
internal sealed class MediationRecipeStep(MediationBodyEditor editor, MediationSettingsStore settingsStore, GovPlatform.Data.TenantDbContext db) : IRecipeStep
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(allowIntegerValues: false) },
    };

    public string Name => "mediation";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var label = $"Step {context.StepIndex + 1} (mediation)";
        List<JsonElement> sources = [context.Step];
        JsonDocument? file = null;
        try
        {
            if (context.Step.TryGetProperty("file", out var name) && name.GetString() is { Length: > 0 } path)
            {
                try
                {
                    await using var stream = File.OpenRead(context.ResolveFile(path));
                    file = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
                }
                catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
                {
                    throw new RecipeStepException($"{label}: cannot read '{path}': {ex.Message}");
                }

                sources.Add(file.RootElement);
                label = $"{label}, {path}";
            }

            List<(MediationBodyInput, IReadOnlyList<MediatorInput>)> bodies = [];
            MediationSettings? settings = null;
            foreach (var source in sources)
            {
                if (source.TryGetProperty("bodies", out var list))
                {
                    bodies.AddRange(Read<BodyEntry>(list, label, "bodies").Select(b => (b.ToInput(), (IReadOnlyList<MediatorInput>)[.. (b.Mediators ?? []).Select(m => m.ToInput())])));
                }

                if (source.TryGetProperty("settings", out var patch))
                {
                    settings = Patch(settings ?? await settingsStore.GetAsync(cancellationToken), patch, label);
                }
            }

            var errors = new List<string>();
            if (settings is not null)
            {
                errors.AddRange(MediationRules.Validate(settings).Select(e => $"settings.{e.Key}: {e.Value.English}"));
            }

            if (errors.Count > 0)
            {
                throw new RecipeStepException($"{label}: {string.Join(" ", errors.Take(20))}");
            }

            // The import validates everything (grid, accounts) before it writes, and writes all or nothing.
            var imported = await editor.ImportAsync(bodies, cancellationToken);
            if (imported.Errors.Count > 0)
            {
                throw new RecipeStepException($"{label}: {string.Join(" ", imported.Errors.Take(20))}{(imported.Errors.Count > 20 ? $" (and {imported.Errors.Count - 20} more)" : "")}");
            }

            if (settings is not null)
            {
                await settingsStore.SaveAsync(settings, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }
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

    private static MediationSettings Patch(MediationSettings current, JsonElement patch, string label)
    {
        try
        {
            var merged = JsonSerializer.SerializeToNode(current, Json)!.AsObject();
            foreach (var property in patch.EnumerateObject())
            {
                merged[property.Name] = JsonNode.Parse(property.Value.GetRawText());
            }

            return merged.Deserialize<MediationSettings>(Json) ?? current;
        }
        catch (JsonException ex)
        {
            throw new RecipeStepException($"{label}: 'settings' is not valid: {ex.Message}");
        }
    }

    private sealed record BodyEntry(
        string? Code, MediationBodyKind? Kind, BilingualText Name, string? GridUnit, string? Address, string? Hours, string? Opens, string? Closes,
        int? Capacity, string? Phone, string? Description, bool? Active, List<MediatorEntry>? Mediators)
    {
        public MediationBodyInput ToInput() => new(
            Code ?? "", Kind ?? (MediationBodyKind)(-1), Name, GridUnit ?? "", Address, Hours, Opens, Closes,
            Capacity?.ToString(System.Globalization.CultureInfo.InvariantCulture), Phone, Description, Active ?? true);
    }

    private sealed record MediatorEntry(string? Name, MediatorRole? Role, ElderBackground? Background, string? Profile, string? Phone, string? UserName, bool? Active)
    {
        public MediatorInput ToInput() => new(Name ?? "", Role ?? MediatorRole.Mediator, Background ?? ElderBackground.None, Profile, Phone, UserName, Active ?? true);
    }
}
