using System.Globalization;
using System.Text.Json;
using GovPlatform.Data;
using GovPlatform.Grid.Import;
using GovPlatform.Grid.Models;
using GovPlatform.Grid.Rules;
using GovPlatform.Grid.Services;
using GovPlatform.Recipes;
using Microsoft.Extensions.Logging;

namespace GovPlatform.Grid.Recipes;

/// <summary>
/// The <c>grid</c> recipe step: the tenant's levels, its rules, and units and workers from files beside the recipe
/// (GeoJSON, CSV or Excel, the admin's import formats), each file all-or-nothing.
/// <code>{ "name": "grid", "levels": [{ "name": "街道", "englishName": "Street" }], "rules": { "toleranceMeters": 1, "requireFullCoverage": false }, "units": "grid.geojson", "workers": "grid-workers.csv" }</code>
/// Levels are matched by position: existing ones are renamed, missing ones added, none removed. Units and workers
/// already present are updated, so running the step again changes nothing.
/// </summary>
internal sealed class GridRecipeStep(
    GridDirectory directory, GridLevelsEditor levels, GridUnitEditor units, GridPeopleEditor people, IDocumentStore documents,
    TenantDbContext db, ILogger<GridRecipeStep> logger) : IRecipeStep
{
    private const int ErrorsShown = 10;

    public string Name => "grid";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var step = context.Step;
        if (step.TryGetProperty("levels", out var levelList))
        {
            await SaveLevelsAsync(levelList, cancellationToken);
        }

        if (step.TryGetProperty("rules", out var rules))
        {
            var settings = await documents.GetAsync<GridRuleSettings>(GridRuleSettings.DocumentId, cancellationToken) ?? new GridRuleSettings();
            if (rules.TryGetProperty("toleranceMeters", out var tolerance))
            {
                settings.ToleranceMeters = tolerance.GetDouble() is var value && value is >= 0 and <= 100
                    ? value : throw new RecipeStepException("The grid step's \"toleranceMeters\" must be between 0 and 100.");
            }

            if (rules.TryGetProperty("requireFullCoverage", out var coverage))
            {
                settings.RequireFullCoverage = coverage.GetBoolean();
            }

            await documents.SaveAsync(GridRuleSettings.DocumentId, settings, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        if (Text(step, "units") is { } unitsFile)
        {
            await ImportUnitsAsync(context, unitsFile, cancellationToken);
        }

        if (Text(step, "workers") is { } workersFile)
        {
            await ImportWorkersAsync(context, workersFile, cancellationToken);
        }
    }

    private async Task SaveLevelsAsync(JsonElement list, CancellationToken cancellationToken)
    {
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new RecipeStepException("The grid step's \"levels\" must be an array.");
        }

        var stored = (await directory.TreeAsync(cancellationToken)).LevelEntities;
        var edits = new List<GridLevelEdit>();
        var index = 0;
        foreach (var level in list.EnumerateArray())
        {
            var name = Text(level, "name") ?? throw new RecipeStepException($"Grid level {index + 1} needs a \"name\".");
            edits.Add(new GridLevelEdit(index < stored.Count ? stored[index].Id : null, name, Text(level, "englishName") ?? name,
                Number(level, "minHouseholds"), Number(level, "maxHouseholds")));
            index++;
        }

        edits.AddRange(stored.Skip(index).Select(GridLevelEdit.From));
        var result = await levels.SaveAsync(edits, cancellationToken);
        if (!result.Succeeded)
        {
            throw new RecipeStepException("Grid levels: " + string.Join(" ", result.Errors.Values));
        }
    }

    private async Task ImportUnitsAsync(RecipeStepContext context, string file, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var path = context.ResolveFile(file);
        var format = GridFileFormats.FromFileName(path) ?? throw new RecipeStepException($"Grid units file '{file}': use .geojson, .csv or .xlsx.");
        var tree = await directory.TreeAsync(cancellationToken);
        GridUnitImportPlan plan;
        await using (var stream = File.OpenRead(path))
        {
            var (rows, errors) = GridImportReader.ReadUnits(stream, format);
            plan = GridUnitImportPlanner.Plan(tree, rows, errors);
        }

        if (!plan.IsValid)
        {
            throw new RecipeStepException($"Grid units file '{file}': {Describe(plan.Errors)}");
        }

        var (created, updated, findings) = await units.ImportAsync(tree, plan, file, cancellationToken);
        if (findings.Where(f => f.Severity == GridFindingSeverity.Error).ToList() is { Count: > 0 } refused)
        {
            throw new RecipeStepException($"Grid units file '{file}' breaks the grid rules: " +
                string.Join(" ", refused.Take(ErrorsShown).Select(f => f.Message.English)) + (refused.Count > ErrorsShown ? $" … ({refused.Count} in all)" : ""));
        }

        logger.LogInformation("Tenant {Tenant}: grid units from {File}: {Created} created, {Updated} updated, {Warnings} warnings, in {Elapsed:0} ms",
            context.Tenant.Name, file, created, updated, findings.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private async Task ImportWorkersAsync(RecipeStepContext context, string file, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var path = context.ResolveFile(file);
        var format = GridFileFormats.FromFileName(path) is { } f and not GridFileFormat.GeoJson
            ? f : throw new RecipeStepException($"Grid workers file '{file}': use .csv or .xlsx.");
        var tree = await directory.TreeAsync(cancellationToken);
        GridWorkerImportPlan plan;
        await using (var stream = File.OpenRead(path))
        {
            var (rows, errors) = GridImportReader.ReadWorkers(stream, format);
            plan = GridWorkerImportPlanner.Plan(tree, rows, errors, await people.ExistingAsync(cancellationToken), people.Today);
        }

        if (!plan.IsValid)
        {
            throw new RecipeStepException($"Grid workers file '{file}': {Describe(plan.Errors)}");
        }

        try
        {
            var (workers, posts) = await people.ImportAsync(plan, file, cancellationToken);
            logger.LogInformation("Tenant {Tenant}: grid workers from {File}: {Workers} people, {Posts} new posts, in {Elapsed:0} ms",
                context.Tenant.Name, file, workers, posts, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (GridImportException ex)
        {
            throw new RecipeStepException($"Grid workers file '{file}': {ex.Reason.English}");
        }
    }

    private static string Describe(IReadOnlyList<GridImportError> errors) =>
        string.Join(" ", errors.Take(ErrorsShown).Select(e => e.Row > 0
            ? string.Create(CultureInfo.InvariantCulture, $"Row {e.Row}: {e.Message.English}")
            : e.Message.English)) + (errors.Count > ErrorsShown ? $" … ({errors.Count} errors in all)" : "");

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static int? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;
}
