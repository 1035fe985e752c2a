using System.Globalization;
using System.Text.Json.Nodes;
using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Grid.Models;
using GovPlatform.Localization;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Grid.Services;

/// <summary>
/// Replaces the tenant's ordered list of levels: renames, household ranges, new levels, removals and reordering. A
/// level still used by a unit cannot be removed, and an order that puts a unit at or above its parent's level is refused.
/// </summary>
internal sealed class GridLevelsEditor(TenantDbContext db, GridDirectory directory, IAuditLog audit)
{
    public async Task<GridEditResult> SaveAsync(IReadOnlyList<GridLevelEdit> levels, CancellationToken cancellationToken = default)
    {
        var errors = Validate(levels);
        var tree = await directory.TreeAsync(cancellationToken);
        var existing = tree.LevelEntities.ToDictionary(l => l.Id);
        foreach (var (edit, index) in levels.Select((l, i) => (l, i)))
        {
            if (edit.Id is { } id && !existing.ContainsKey(id))
            {
                errors.TryAdd($"Levels[{index}].Name", Text(new("该层级已不存在，请刷新页面。", "This level no longer exists; reload the page.")));
            }
        }

        // Where each existing level ends up (1-based), or absent when removed.
        var newPosition = levels.Select((l, i) => (l.Id, Position: i + 1)).Where(x => x.Id is not null).ToDictionary(x => x.Id!.Value, x => x.Position);
        foreach (var level in tree.LevelEntities.Where(l => !newPosition.ContainsKey(l.Id)))
        {
            var used = tree.PreOrder.Count(n => n.Unit.LevelId == level.Id);
            if (used > 0)
            {
                errors.TryAdd("Levels", Text(new(
                    $"层级“{level.Name}”仍有 {used} 个网格在用，不能删除。",
                    $"The level \"{level.EnglishName}\" is used by {used} units and cannot be removed.")));
            }
        }

        if (errors.Count == 0)
        {
            foreach (var node in tree.PreOrder)
            {
                var mine = newPosition.GetValueOrDefault(node.Unit.LevelId);
                if (node.Parent is { } parent && mine <= newPosition.GetValueOrDefault(parent.Unit.LevelId))
                {
                    errors.TryAdd("Levels", Text(new(
                        $"这个顺序会让网格 {node.Code} 不低于其上级 {parent.Code} 的层级。",
                        $"This order would put unit {node.Code} at or above the level of its parent {parent.Code}.")));
                    break;
                }

                if (node.Parent is null && mine != 1)
                {
                    errors.TryAdd("Levels", Text(new(
                        $"这个顺序会让顶级网格 {node.Code} 不在第一层级。",
                        $"This order would take the top unit {node.Code} off the first level.")));
                    break;
                }
            }
        }

        if (errors.Count > 0)
        {
            return new GridEditResult(errors, []);
        }

        var before = Json([.. tree.LevelEntities.Select(GridLevelEdit.From)]);
        await db.InTransactionAsync(async ct =>
        {
            var rows = await db.Set<GridLevel>().ToListAsync(ct);
            var keep = levels.Where(l => l.Id is not null).Select(l => l.Id!.Value).ToHashSet();
            db.Set<GridLevel>().RemoveRange(rows.Where(r => !keep.Contains(r.Id)));

            // Positions are unique: move the kept ones out of the way first, then number everything.
            foreach (var row in rows.Where(r => keep.Contains(r.Id)))
            {
                row.Position = -row.Id;
            }

            await db.SaveChangesAsync(ct);
            for (var i = 0; i < levels.Count; i++)
            {
                var edit = levels[i];
                var row = edit.Id is { } id ? rows.Single(r => r.Id == id) : db.Set<GridLevel>().Add(new GridLevel()).Entity;
                row.Position = i + 1;
                row.Name = edit.Name.Trim();
                row.EnglishName = edit.EnglishName.Trim();
                row.MinHouseholds = edit.MinHouseholds;
                row.MaxHouseholds = edit.MaxHouseholds;
            }

            await db.SaveChangesAsync(ct);
            await GridRevision.BumpAsync(db, ct);
            await audit.RecordAsync(new AuditEvent("grid", "update-levels", null, "Grid levels edited", before, Json(levels)), ct);
            return true;
        }, cancellationToken);
        directory.Refresh();
        return GridEditResult.Success();
    }

    private static Dictionary<string, string> Validate(IReadOnlyList<GridLevelEdit> levels)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (levels.Count == 0)
        {
            errors["Levels"] = Text(new("至少需要一个层级。", "At least one level is needed."));
        }
        else if (levels.Count > 10)
        {
            errors["Levels"] = Text(new("最多十个层级。", "At most ten levels."));
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < levels.Count; i++)
        {
            var level = levels[i];
            if (string.IsNullOrWhiteSpace(level.Name) || level.Name.Trim().Length > 50)
            {
                errors[$"Levels[{i}].Name"] = Text(new("请填写层级名称（不超过 50 字）。", "Enter the level's name (50 characters at most)."));
            }
            else if (!names.Add(level.Name.Trim()))
            {
                errors[$"Levels[{i}].Name"] = Text(new("层级名称重复。", "Two levels have this name."));
            }

            if (string.IsNullOrWhiteSpace(level.EnglishName) || level.EnglishName.Trim().Length > 100)
            {
                errors[$"Levels[{i}].EnglishName"] = Text(new("请填写英文名称（不超过 100 字符）。", "Enter the English name (100 characters at most)."));
            }

            if (level.MinHouseholds < 0 || level.MaxHouseholds < 0 || level.MinHouseholds > level.MaxHouseholds)
            {
                errors[$"Levels[{i}].MinHouseholds"] = Text(new("户数范围无效：下限不能大于上限，也不能为负。", "The household range is invalid: the lower bound must be at most the upper, and neither negative."));
            }
        }

        return errors;
    }

    /// <summary>Levels in order, as the audit log keeps them.</summary>
    private static JsonArray Json(IReadOnlyList<GridLevelEdit> levels) =>
        new([.. levels.Select((l, i) => (JsonNode)new JsonObject { ["position"] = i + 1, ["name"] = l.Name.Trim(), ["englishName"] = l.EnglishName.Trim(), ["minHouseholds"] = l.MinHouseholds, ["maxHouseholds"] = l.MaxHouseholds })]);

    private static string Text(BilingualText text) => text.For(CultureInfo.CurrentUICulture);
}
