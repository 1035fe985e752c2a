using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Grid.Import;
using GovPlatform.Grid.Models;
using GovPlatform.Grid.Rules;
using GovPlatform.Localization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace GovPlatform.Grid.Services;

/// <summary>
/// Creates, edits, moves and deletes units, and applies unit imports. Every change is checked by the same planner
/// as an import row and by the rules (errors refuse it, warnings come back with the result), then written with the
/// grid's revision bump and an audit entry in one transaction.
/// </summary>
internal sealed class GridUnitEditor(
    TenantDbContext db, GridDirectory directory, GridRuleRunner rules, IAuditLog audit,
    IEnumerable<IGridCountContributor> contributors, IHttpContextAccessor http, TimeProvider clock)
{
    public async Task<GridEditResult> CreateAsync(GridUnitEdit edit, CancellationToken cancellationToken = default)
    {
        var tree = await directory.TreeAsync(cancellationToken);
        if (!string.IsNullOrWhiteSpace(edit.Code) && tree.IsCodeTaken(edit.Code.Trim()))
        {
            return GridEditResult.Failed(nameof(edit.Code), Text(new($"编码 {edit.Code.Trim()} 已被使用（或曾被使用）。", $"The code {edit.Code.Trim()} is taken (now or formerly).")));
        }

        return await SaveAsync(tree, edit, null, cancellationToken);
    }

    public async Task<GridEditResult> UpdateAsync(string code, GridUnitEdit edit, CancellationToken cancellationToken = default)
    {
        var tree = await directory.TreeAsync(cancellationToken);
        if (tree.FindCurrent(code) is not { } node)
        {
            return GridEditResult.Failed(nameof(edit.Code), Text(new("该网格已不存在。", "This unit no longer exists.")));
        }

        if (node.Unit.Version != edit.Version)
        {
            return GridEditResult.Failed(nameof(edit.Code), Text(new("该网格已被他人修改，请重新打开后再编辑。", "Someone else has changed this unit since you opened it; open it again.")));
        }

        // Neither the code nor the parent changes here: that is a move, which records the former codes.
        edit.Code = node.Code;
        edit.ParentCode = node.Parent?.Code;
        return await SaveAsync(tree, edit, node, cancellationToken);
    }

    /// <summary>Applies a checked import plan; the rules are run on the whole plan first and any error refuses all of it.</summary>
    public async Task<(int Created, int Updated, IReadOnlyList<GridFinding> Findings)> ImportAsync(
        GridTree tree, GridUnitImportPlan plan, string fileName, CancellationToken cancellationToken = default)
    {
        if (!plan.IsValid)
        {
            throw new InvalidOperationException("An import plan with errors cannot be applied.");
        }

        var findings = await CheckAsync(tree, plan.Units, cancellationToken);
        if (findings.Any(f => f.Severity == GridFindingSeverity.Error))
        {
            return (0, 0, findings);
        }

        await db.InTransactionAsync(async ct =>
        {
            await WriteAsync(tree, plan.Units, keepBoundaryWhenMissing: true, ct);
            await audit.RecordAsync(new AuditEvent("grid", "import-units", fileName,
                $"Imported {plan.Units.Count(u => u.Existing is null)} new and {plan.Units.Count(u => u.Existing is not null)} updated units"), ct);
            return true;
        }, cancellationToken);
        directory.Refresh();
        return (plan.Units.Count(u => u.Existing is null), plan.Units.Count(u => u.Existing is not null), findings);
    }

    /// <summary>The findings an import or edit would leave around the units it touches.</summary>
    private Task<IReadOnlyList<GridFinding>> CheckAsync(GridTree tree, IReadOnlyList<PlannedUnit> units, CancellationToken cancellationToken) =>
        rules.CheckChangeAsync(tree, [.. units.Select(u => new RuleUnit(
            u.Row.Code, u.Row.Name, u.Row.ParentCode, u.LevelPosition, u.Row.Kind,
            u.Row.Boundary ?? u.Existing?.Boundary, u.Row.Households))], cancellationToken);

    public async Task<GridEditResult> MoveAsync(string code, string? newParentCode, string? newCode, string? reason, CancellationToken cancellationToken = default)
    {
        var tree = await directory.TreeAsync(cancellationToken);
        if (tree.FindCurrent(code) is not { } node)
        {
            return GridEditResult.Failed("Code", Text(new("该网格已不存在。", "This unit no longer exists.")));
        }

        GridNode? parent = null;
        if (!string.IsNullOrWhiteSpace(newParentCode))
        {
            parent = tree.Find(newParentCode.Trim());
            if (parent is null)
            {
                return GridEditResult.Failed("ParentCode", Text(new($"找不到上级网格 {newParentCode.Trim()}。", $"There is no unit {newParentCode.Trim()}.")));
            }

            if (GridTree.IsWithin(node, parent))
            {
                return GridEditResult.Failed("ParentCode", Text(new("不能把网格移到它自己或它的下级之下。", "A unit cannot be moved under itself or one of its own units.")));
            }

            if (parent.Depth >= node.Depth)
            {
                return GridEditResult.Failed("ParentCode", Text(new(
                    $"上级网格 {parent.Code} 的层级须高于该网格的层级。", $"The new parent {parent.Code} must be at a higher level than the unit.")));
            }
        }
        else if (node.Depth != 1)
        {
            return GridEditResult.Failed("ParentCode", Text(new("只有第一层级的网格可以没有上级。", "Only a unit of the first level can be without a parent.")));
        }

        // The unit's own segment travels with it: 610104-01-003 under 610104-02 becomes 610104-02-003.
        var suffix = node.Parent is { } oldParent ? node.Code[oldParent.Code.Length..] : "-" + node.Code;
        var targetCode = string.IsNullOrWhiteSpace(newCode) ? (parent is null ? node.Code : parent.Code + suffix) : newCode.Trim();
        if (!GridPatterns.IsCode(targetCode))
        {
            return GridEditResult.Failed("NewCode", Text(GridPatterns.CodeMessage(targetCode)));
        }

        if (parent is not null && (!targetCode.StartsWith(parent.Code, StringComparison.Ordinal) || targetCode.Length <= parent.Code.Length))
        {
            return GridEditResult.Failed("NewCode", Text(new(
                $"新编码须以上级编码 {parent.Code} 开头。", $"The new code must start with the parent's code {parent.Code}.")));
        }

        if (parent?.Id == node.Parent?.Id && targetCode == node.Code)
        {
            return GridEditResult.Failed("ParentCode", Text(new("新的上级和编码与现在相同。", "The new parent and code are the unit's current ones.")));
        }

        var subtree = tree.Subtree(node).ToList();
        var renames = subtree.ToDictionary(n => n.Code, n => targetCode + n.Code[node.Code.Length..], StringComparer.Ordinal);
        foreach (var (from, to) in renames)
        {
            // A unit may take back a code it had before; any other code in use, now or formerly, is refused (inside
            // the subtree too: two units swapping codes would collide in the middle of the save).
            if (tree.Find(to) is { } holder && (!subtree.Contains(holder) || (holder.Code == to && from != to)))
            {
                return GridEditResult.Failed("NewCode", Text(new($"编码 {to} 已被使用（或曾被使用）。", $"The code {to} is taken (now or formerly).")));
            }

            if (!GridPatterns.IsCode(to))
            {
                return GridEditResult.Failed("NewCode", Text(GridPatterns.CodeMessage(to)));
            }
        }

        var moved = subtree.Select(n => RuleUnits.Of(n) with
        {
            Code = renames[n.Code],
            ParentCode = n == node ? parent?.Code : renames[n.Parent!.Code],
        }).ToList();
        var findings = await rules.CheckChangeAsync(tree, moved, cancellationToken, renames.Keys.ToHashSet(StringComparer.Ordinal));
        if (Errors(findings) is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await db.InTransactionAsync(async ct =>
        {
            var ids = subtree.Select(n => n.Id).ToList();
            var entities = await db.Set<GridUnit>().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
            var oldPath = entities[node.Id].Path;
            var newPath = (parent?.Unit.Path ?? "/") + node.Id.ToString(CultureInfo.InvariantCulture) + "/";
            var formerRows = await db.Set<GridCodeChange>().Where(c => renames.Values.Contains(c.OldCode)).ToListAsync(ct);
            db.Set<GridCodeChange>().RemoveRange(formerRows);
            foreach (var n in subtree)
            {
                var entity = entities[n.Id];
                var to = renames[n.Code];
                if (to != entity.Code)
                {
                    db.Set<GridCodeChange>().Add(new GridCodeChange
                    {
                        UnitId = n.Id,
                        OldCode = entity.Code,
                        NewCode = to,
                        ChangedUtc = now,
                        ChangedBy = UserName(),
                        Reason = reason?.Trim(),
                    });
                    entity.Code = to;
                }

                entity.Path = newPath + entity.Path[oldPath.Length..];
                entity.UpdatedUtc = now;
                entity.Version++;
            }

            entities[node.Id].ParentId = parent?.Id;
            await db.SaveChangesAsync(ct);
            await GridRevision.BumpAsync(db, ct);
            await audit.RecordAsync(new AuditEvent("grid", "move-unit", node.Code,
                $"Moved {node.Code} ({subtree.Count} units) under {parent?.Code ?? "the top"} as {targetCode}",
                new JsonObject { ["code"] = node.Code, ["parent"] = node.Parent?.Code },
                new JsonObject { ["code"] = targetCode, ["parent"] = parent?.Code, ["reason"] = reason }), ct);
            return true;
        }, cancellationToken);
        directory.Refresh();
        return GridEditResult.Success(findings);
    }

    public async Task<GridEditResult> DeleteAsync(string code, CancellationToken cancellationToken = default)
    {
        var tree = await directory.TreeAsync(cancellationToken);
        if (tree.FindCurrent(code) is not { } node)
        {
            return GridEditResult.Failed("Code", Text(new("该网格已不存在。", "This unit no longer exists.")));
        }

        if (node.Children.Count > 0)
        {
            return GridEditResult.Failed("Code", Text(new(
                $"{node.Code} 下还有 {node.Children.Count} 个网格，请先删除或移走它们。", $"{node.Code} still has {node.Children.Count} units below it; delete or move them first.")));
        }

        if (await db.Set<GridAssignment>().AnyAsync(a => a.UnitId == node.Id, cancellationToken))
        {
            return GridEditResult.Failed("Code", Text(new(
                "该网格有人员任职记录，删除会丢失这些历史；请保留该网格。", "People have been assigned to this unit; deleting it would lose that history. Keep the unit.")));
        }

        var codes = node.FormerCodes.Append(node.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var contributor in contributors)
        {
            var counts = await contributor.CountByUnitAsync(cancellationToken);
            var used = counts.Where(c => codes.Contains(c.Key)).Sum(c => c.Value);
            if (used > 0)
            {
                return GridEditResult.Failed("Code", Text(new(
                    $"该网格仍有 {used} 条“{contributor.Name.Chinese}”记录，不能删除。", $"{used} records of \"{contributor.Name.English}\" still belong to this unit; it cannot be deleted.")));
            }
        }

        await db.InTransactionAsync(async ct =>
        {
            await db.Set<GridCodeChange>().Where(c => c.UnitId == node.Id).ExecuteDeleteAsync(ct);
            await db.Set<GridUnit>().Where(u => u.Id == node.Id).ExecuteDeleteAsync(ct);
            await GridRevision.BumpAsync(db, ct);
            await audit.RecordAsync(new AuditEvent("grid", "delete-unit", node.Code, $"Deleted unit {node.Code} {node.Unit.Name}", Snapshot(node.Unit)), ct);
            return true;
        }, cancellationToken);
        directory.Refresh();
        return GridEditResult.Success();
    }

    private async Task<GridEditResult> SaveAsync(GridTree tree, GridUnitEdit edit, GridNode? existing, CancellationToken cancellationToken)
    {
        Geometry? boundary = null;
        if (!string.IsNullOrWhiteSpace(edit.Boundary))
        {
            try
            {
                boundary = GridBoundaries.Parse(edit.Boundary);
            }
            catch (FormatException ex)
            {
                return GridEditResult.Failed(nameof(edit.Boundary), Text(new($"边界无效：{ex.Message}", $"The boundary is invalid: {ex.Message}")));
            }
        }

        var row = new GridUnitRow(1, edit.Code?.Trim() ?? "", edit.Name?.Trim() ?? "", Blank(edit.EnglishName), edit.Level.ToString(CultureInfo.InvariantCulture),
            Blank(edit.ParentCode), edit.Kind, Blank(edit.Department), edit.Households, edit.Residents, edit.Buildings, Blank(edit.Notes), boundary);
        var plan = GridUnitImportPlanner.Plan(tree, [row], []);
        if (!plan.IsValid)
        {
            var errors = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var error in plan.Errors)
            {
                errors.TryAdd(FieldOf(error.Column), Text(error.Message));
            }

            return new GridEditResult(errors, []);
        }

        var findings = await CheckAsync(tree, plan.Units, cancellationToken);
        if (Errors(findings) is { } refused)
        {
            return refused with { Findings = findings };
        }

        await db.InTransactionAsync(async ct =>
        {
            var before = existing is null ? null : Snapshot(existing.Unit);
            var written = await WriteAsync(tree, plan.Units, keepBoundaryWhenMissing: false, ct);
            await audit.RecordAsync(new AuditEvent("grid", existing is null ? "create-unit" : "update-unit", row.Code,
                $"{(existing is null ? "Created" : "Edited")} unit {row.Code} {row.Name}", before, Snapshot(written[0])), ct);
            return true;
        }, cancellationToken);
        directory.Refresh();
        return GridEditResult.Success(findings);
    }

    /// <summary>Writes planned units, parents before children, and returns the rows in plan order.</summary>
    private async Task<List<GridUnit>> WriteAsync(GridTree tree, IReadOnlyList<PlannedUnit> units, bool keepBoundaryWhenMissing, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var levelIds = tree.LevelEntities.ToDictionary(l => l.Position, l => l.Id);
        var existingIds = units.Where(u => u.Existing is not null).Select(u => u.Existing!.Id).ToList();
        var stored = existingIds.Count == 0 ? [] : await db.Set<GridUnit>().Where(u => existingIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var byCode = new Dictionary<string, GridUnit>(StringComparer.Ordinal);
        foreach (var group in units.GroupBy(u => u.LevelPosition).OrderBy(g => g.Key))
        {
            var created = new List<GridUnit>();
            foreach (var planned in group)
            {
                var row = planned.Row;
                GridUnit entity;
                if (planned.Existing is { } node)
                {
                    entity = stored[node.Id];
                    if (entity.Version != node.Unit.Version)
                    {
                        throw new DbUpdateConcurrencyException($"Unit {node.Code} was changed while the import was being checked.");
                    }

                    entity.Version++;
                }
                else
                {
                    var parentId = row.ParentCode is null ? (long?)null : byCode.TryGetValue(row.ParentCode, out var fresh) ? fresh.Id : tree.Find(row.ParentCode)!.Id;
                    entity = new GridUnit { Code = row.Code, ParentId = parentId, CreatedUtc = now, Version = 1 };
                    db.Set<GridUnit>().Add(entity);
                    created.Add(entity);
                }

                entity.Name = row.Name;
                entity.EnglishName = row.EnglishName;
                entity.LevelId = levelIds[planned.LevelPosition];
                entity.Kind = row.Kind;
                entity.Department = row.Department;
                entity.Households = row.Households;
                entity.Residents = row.Residents;
                entity.Buildings = row.Buildings;
                entity.Notes = row.Notes;
                entity.UpdatedUtc = now;
                if (row.Boundary is not null || !keepBoundaryWhenMissing)
                {
                    GridBoundaries.Store(entity, row.Boundary);
                }

                byCode[row.Code] = entity;
            }

            await db.SaveChangesAsync(ct);

            // A new unit's path needs its id, known only now.
            var written = byCode.Values.ToDictionary(u => u.Id);
            foreach (var entity in created)
            {
                var parentPath = entity.ParentId is not { } parentId ? "/" : written.TryGetValue(parentId, out var parent) ? parent.Path : tree.FindById(parentId)!.Unit.Path;
                entity.Path = parentPath + entity.Id.ToString(CultureInfo.InvariantCulture) + "/";
            }

            await db.SaveChangesAsync(ct);
        }

        await GridRevision.BumpAsync(db, ct);
        return [.. units.Select(u => byCode[u.Row.Code])];
    }

    private static GridEditResult? Errors(IReadOnlyList<GridFinding> findings)
    {
        var errors = findings.Where(f => f.Severity == GridFindingSeverity.Error).ToList();
        return errors.Count == 0 ? null : new GridEditResult(
            new Dictionary<string, string> { ["Boundary"] = string.Join(" ", errors.Select(f => Text(f.Message))) }, findings);
    }

    private static string FieldOf(string? column) => column?.ToLowerInvariant() switch
    {
        "code" => nameof(GridUnitEdit.Code),
        "name" => nameof(GridUnitEdit.Name),
        "englishname" => nameof(GridUnitEdit.EnglishName),
        "level" => nameof(GridUnitEdit.Level),
        "parent" => nameof(GridUnitEdit.ParentCode),
        "kind" => nameof(GridUnitEdit.Kind),
        "department" => nameof(GridUnitEdit.Department),
        "households" => nameof(GridUnitEdit.Households),
        "residents" => nameof(GridUnitEdit.Residents),
        "buildings" => nameof(GridUnitEdit.Buildings),
        "notes" => nameof(GridUnitEdit.Notes),
        "boundary" or "geometry" => nameof(GridUnitEdit.Boundary),
        _ => nameof(GridUnitEdit.Code),
    };

    private static JsonObject Snapshot(GridUnit unit) => new()
    {
        ["code"] = unit.Code,
        ["name"] = unit.Name,
        ["englishName"] = unit.EnglishName,
        ["levelId"] = unit.LevelId,
        ["kind"] = unit.Kind.ToString(),
        ["department"] = unit.Department,
        ["households"] = unit.Households,
        ["residents"] = unit.Residents,
        ["buildings"] = unit.Buildings,
        ["notes"] = unit.Notes,
        ["hasBoundary"] = unit.Boundary is not null,
    };

    private string? UserName() => http.HttpContext?.User.FindFirstValue(ClaimTypes.Name) ?? http.HttpContext?.User.Identity?.Name;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Text(BilingualText text) => text.For(CultureInfo.CurrentUICulture);
}
