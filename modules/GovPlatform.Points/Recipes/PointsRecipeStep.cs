using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Points.Models;
using GovPlatform.Points.Services;
using GovPlatform.Recipes;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Points.Recipes;

/// <summary>
/// The <c>points</c> recipe step: rule sets, volunteer teams and rewards, inline or from a file beside the recipe
/// (<c>"file": "points.json"</c>). Rule sets are matched by unit, teams by code, rewards by name and unit: what exists is
/// left as it is (staff may have changed it since), so running the step again adds nothing. Everything is checked
/// before anything is written, and written in one transaction: any error refuses the whole step.
/// <code>{ "rules": [ { "unit": null, "pointsPerType": { "Patrol": 20 }, "defaultPoints": 10, "dailyCap": 100, "monthlyCap": 1000,
///     "awardsNeedApproval": false, "expiryMonths": 24 } ],
///   "teams": [ { "code": "maogou-team", "name": { "zh-CN": "…", "en": "…" }, "unit": "511781-01-001", "description": "…" } ],
///   "rewards": [ { "name": { "zh-CN": "…", "en": "…" }, "kind": "Goods", "pointsPrice": 200, "stock": 50, "value": "20.00",
///     "unit": "511781-01-001", "pickUpPlace": "…", "description": "…" } ] }</code>
/// </summary>
internal sealed class PointsRecipeStep(TenantDbContext db, IGridDirectory grid, TimeProvider clock) : IRecipeStep
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };

    public string Name => "points";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var label = $"Step {context.StepIndex + 1} (points)";
        List<JsonElement> sources = [context.Step];
        JsonDocument? file = null;
        try
        {
            if (context.Step.TryGetProperty("file", out var name) && name.ValueKind == JsonValueKind.String && name.GetString() is { Length: > 0 } path)
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

                if (file.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new RecipeStepException($"{label}: '{path}' must hold an object with 'rules', 'teams' and 'rewards'.");
                }

                sources.Add(file.RootElement);
                label = $"{label}, {path}";
            }

            List<RuleEntry> rules = [];
            List<TeamEntry> teams = [];
            List<RewardEntry> rewards = [];
            foreach (var source in sources)
            {
                rules.AddRange(Read<RuleEntry>(source, "rules", label));
                teams.AddRange(Read<TeamEntry>(source, "teams", label));
                rewards.AddRange(Read<RewardEntry>(source, "rewards", label));
            }

            var errors = new List<string>();
            var ruleSets = await CheckRulesAsync(rules, errors, cancellationToken);
            var newTeams = await CheckTeamsAsync(teams, errors, cancellationToken);
            var newRewards = await CheckRewardsAsync(rewards, errors, cancellationToken);
            if (errors.Count > 0)
            {
                throw new RecipeStepException($"{label}: {string.Join(" ", errors.Take(20))}{(errors.Count > 20 ? $" (and {errors.Count - 20} more)" : "")}");
            }

            await db.InTransactionAsync(async ct =>
            {
                db.AddRange(ruleSets);
                db.AddRange(newTeams);
                db.AddRange(newRewards);
                await db.SaveChangesAsync(ct);
                return true;
            }, cancellationToken);
        }
        finally
        {
            file?.Dispose();
        }
    }

    private async Task<List<PointRuleSet>> CheckRulesAsync(List<RuleEntry> entries, List<string> errors, CancellationToken ct)
    {
        var existing = (await db.Set<PointRuleSet>().AsNoTracking().Select(s => s.GridUnitCode).ToListAsync(ct)).ToHashSet();
        var seen = new HashSet<string?>();
        var now = clock.GetUtcNow().UtcDateTime;
        var added = new List<PointRuleSet>();
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var where = $"rules[{i}]";
            var unit = string.IsNullOrWhiteSpace(e.Unit) ? null : e.Unit.Trim();
            if (!seen.Add(unit))
            {
                errors.Add($"{where}: the rules of {unit ?? "the tenant"} are given twice.");
                continue;
            }

            if (unit is not null && await grid.FindAsync(unit, ct) is null)
            {
                errors.Add($"{where}: there is no grid unit '{unit}'.");
                continue;
            }

            var set = new PointRuleSet
            {
                GridUnitCode = unit,
                PointsPerType = e.PointsPerType is null ? [] : new Dictionary<string, int>(e.PointsPerType),
                DefaultPoints = e.DefaultPoints ?? 10,
                DailyCap = e.DailyCap ?? 0,
                MonthlyCap = e.MonthlyCap ?? 0,
                AwardsNeedApproval = e.AwardsNeedApproval ?? false,
                ExpiryMonths = e.ExpiryMonths ?? 0,
                UpdatedBy = "recipe",
                UpdatedUtc = now,
                Version = 1,
            };
            var invalid = PointRules.Validate(set);
            errors.AddRange(invalid.Select(v => $"{where}.{v.Key}: {v.Value.English}"));
            if (invalid.Count == 0 && !existing.Contains(unit))
            {
                added.Add(set);
            }
        }

        return added;
    }

    private async Task<List<VolunteerTeam>> CheckTeamsAsync(List<TeamEntry> entries, List<string> errors, CancellationToken ct)
    {
        var existing = (await db.Set<VolunteerTeam>().AsNoTracking().Select(t => t.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var now = clock.GetUtcNow().UtcDateTime;
        var added = new List<VolunteerTeam>();
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var code = e.Code?.Trim() ?? "";
            var where = $"teams[{i}]";
            var before = errors.Count;
            if (code.Length is 0 or > 64)
            {
                errors.Add($"{where}: a team needs a code of 1 to 64 characters.");
            }
            else if (!seen.Add(code))
            {
                errors.Add($"{where}: the code '{code}' is given twice.");
            }

            if (string.IsNullOrWhiteSpace(e.Name.Chinese))
            {
                errors.Add($"{where}: a team needs a Chinese name (name.zh-CN).");
            }

            var unit = e.Unit?.Trim() ?? "";
            if (unit.Length == 0 || await grid.FindAsync(unit, ct) is null)
            {
                errors.Add($"{where}: there is no grid unit '{unit}' (a team belongs to a unit).");
            }

            if (errors.Count == before && !existing.Contains(code))
            {
                added.Add(new VolunteerTeam
                {
                    Code = code,
                    Name = e.Name.Chinese.Trim(),
                    EnglishName = string.IsNullOrWhiteSpace(e.Name.English) ? e.Name.Chinese.Trim() : e.Name.English.Trim(),
                    GridUnitCode = unit,
                    Description = string.IsNullOrWhiteSpace(e.Description) ? null : e.Description.Trim(),
                    Active = true,
                    UpdatedUtc = now,
                });
            }
        }

        return added;
    }

    private async Task<List<Reward>> CheckRewardsAsync(List<RewardEntry> entries, List<string> errors, CancellationToken ct)
    {
        var existing = (await db.Set<Reward>().AsNoTracking().Select(r => new { r.Name, r.GridUnitCode }).ToListAsync(ct))
            .Select(r => (r.Name, r.GridUnitCode)).ToHashSet();
        var seen = new HashSet<(string, string?)>();
        var now = clock.GetUtcNow().UtcDateTime;
        var added = new List<Reward>();
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var where = $"rewards[{i}]";
            var before = errors.Count;
            var name = e.Name.Chinese?.Trim() ?? "";
            var unit = string.IsNullOrWhiteSpace(e.Unit) ? null : e.Unit.Trim();
            if (name.Length is 0 or > 100)
            {
                errors.Add($"{where}: a reward needs a Chinese name (name.zh-CN) of at most 100 characters.");
            }
            else if (!seen.Add((name, unit)))
            {
                errors.Add($"{where}: '{name}' is given twice for {unit ?? "the tenant"}.");
            }

            if (e.Kind is not { } kind || !Enum.IsDefined(kind))
            {
                errors.Add($"{where}: the kind is Goods or Honour.");
            }

            if (e.PointsPrice is not (> 0 and <= 1_000_000))
            {
                errors.Add($"{where}: the points price is a whole number from 1 to 1,000,000.");
            }

            if (e.Stock is < 0)
            {
                errors.Add($"{where}: the stock cannot be negative.");
            }

            long fen = 0;
            if (!string.IsNullOrWhiteSpace(e.Value))
            {
                if (decimal.TryParse(e.Value.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var yuan) && yuan >= 0 && yuan <= 1_000_000
                    && decimal.Round(yuan, 2) == yuan)
                {
                    fen = (long)(yuan * 100);
                }
                else
                {
                    errors.Add($"{where}: the value is in yuan with at most two decimals, like \"20.00\".");
                }
            }

            if (e.Kind == RewardKind.Goods && e.Stock is null)
            {
                errors.Add($"{where}: goods need a stock.");
            }

            if (unit is not null && await grid.FindAsync(unit, ct) is null)
            {
                errors.Add($"{where}: there is no grid unit '{unit}'.");
            }

            if (errors.Count == before && !existing.Contains((name, unit)))
            {
                added.Add(new Reward
                {
                    Kind = e.Kind!.Value,
                    Name = name,
                    EnglishName = string.IsNullOrWhiteSpace(e.Name.English) ? name : e.Name.English.Trim(),
                    Description = string.IsNullOrWhiteSpace(e.Description) ? null : e.Description.Trim(),
                    PointsPrice = e.PointsPrice!.Value,
                    Stock = e.Stock,
                    ValueFen = e.Kind == RewardKind.Honour ? 0 : fen,
                    GridUnitCode = unit,
                    PickUpPlace = string.IsNullOrWhiteSpace(e.PickUpPlace) ? null : e.PickUpPlace.Trim(),
                    Active = true,
                    UpdatedUtc = now,
                    Version = 1,
                });
            }
        }

        return added;
    }

    private static List<T> Read<T>(JsonElement source, string property, string label)
    {
        if (!source.TryGetProperty(property, out var list))
        {
            return [];
        }

        try
        {
            return list.Deserialize<List<T>>(Json) ?? [];
        }
        catch (JsonException ex)
        {
            throw new RecipeStepException($"{label}: '{property}' is not valid: {ex.Message}");
        }
    }

    private sealed record RuleEntry(string? Unit, Dictionary<string, int>? PointsPerType, int? DefaultPoints, int? DailyCap, int? MonthlyCap, bool? AwardsNeedApproval, int? ExpiryMonths);

    private sealed record TeamEntry(string? Code, BilingualText Name, string? Unit, string? Description);

    private sealed record RewardEntry(BilingualText Name, RewardKind? Kind, int? PointsPrice, int? Stock, string? Value, string? Unit, string? PickUpPlace, string? Description);
}
