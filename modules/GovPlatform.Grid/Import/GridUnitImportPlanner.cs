using System.Text.RegularExpressions;
using GovPlatform.Grid.Services;

namespace GovPlatform.Grid.Import;

/// <summary>
/// Checks a units file against the tenant's grid and tells, for each row, whether it adds a unit or updates one. It
/// reports every problem rather than the first, so that a file is fixed in one go; the plan is applied only when it
/// has none.
/// </summary>
internal static partial class GridUnitImportPlanner
{
    public static GridUnitImportPlan Plan(GridTree tree, IReadOnlyList<GridUnitRow> rows, IReadOnlyList<GridImportError> readErrors)
    {
        var errors = new List<GridImportError>(readErrors);
        if (tree.Levels.Count == 0 && rows.Count > 0)
        {
            errors.Add(new GridImportError(0, null, new("网格还没有层级：请先设置层级，再导入单元", "the grid has no levels yet: set them up before importing units")));
        }

        var byCode = new Dictionary<string, GridUnitPlanEntry>(StringComparer.Ordinal);
        var entries = new List<GridUnitPlanEntry>();
        foreach (var row in rows)
        {
            GridUnitRowChecks.Check(row, errors);
            if (IsUsableCode(tree, row, byCode, errors))
            {
                var entry = new GridUnitPlanEntry(row, tree.FindCurrent(row.Code));
                byCode.Add(row.Code, entry);
                entries.Add(entry);
            }
        }

        var levels = new GridPlanLevels(tree.Levels);
        foreach (var entry in entries)
        {
            ResolveParent(tree, entry, byCode, errors);
        }

        foreach (var entry in entries)
        {
            ResolveLevel(levels, entry, errors);
        }

        foreach (var entry in entries)
        {
            CheckLevel(levels, entry, byCode, errors);
        }

        // Parents first (a parent's level is above its child's), so that new units can be inserted in this order.
        var units = entries.OrderBy(e => e.Level ?? 0).Select(e => new PlannedUnit(e.Row, e.Existing, e.Level ?? 0)).ToList();
        return new GridUnitImportPlan(units, GridImportChecks.InRowOrder(errors));
    }

    /// <summary>Whether the row's code can be planned: well formed, first in the file, not some unit's former code.</summary>
    private static bool IsUsableCode(GridTree tree, GridUnitRow row, Dictionary<string, GridUnitPlanEntry> byCode, List<GridImportError> errors)
    {
        var code = row.Code;
        if (code.Length == 0)
        {
            errors.Add(Error(row, GridUnitColumns.Code, "编码必填", "code is required"));
            return false;
        }

        if (!GridPatterns.IsCode(code))
        {
            var message = GridPatterns.CodeMessage(code);
            errors.Add(Error(row, GridUnitColumns.Code, message.Chinese, message.English));
            return false;
        }

        if (byCode.TryGetValue(code, out var first))
        {
            errors.Add(Error(row, GridUnitColumns.Code,
                $"编码“{code}”重复：第 {first.Row.Row} 行和第 {row.Row} 行",
                $"code \"{code}\" appears twice: rows {first.Row.Row} and {row.Row}"));
            return false;
        }

        if (tree.Find(code) is { } renamed && renamed.Code != code)
        {
            errors.Add(Error(row, GridUnitColumns.Code,
                $"编码“{code}”是单元“{renamed.Unit.Name}”（现编码 {renamed.Code}）的原编码，不能再用",
                $"code \"{code}\" is a former code of unit \"{renamed.Unit.Name}\" (now {renamed.Code}) and cannot be reused"));
            return false;
        }

        return true;
    }

    private static void ResolveParent(GridTree tree, GridUnitPlanEntry entry, Dictionary<string, GridUnitPlanEntry> byCode, List<GridImportError> errors)
    {
        var row = entry.Row;
        var parentCode = row.ParentCode;
        if (entry.Existing is { } existing && existing.Parent?.Code != parentCode)
        {
            var now = existing.Parent is { } current ? $"“{current.Code}”" : "（无，顶层单元）";
            var nowEnglish = existing.Parent is { } currentParent ? $"\"{currentParent.Code}\"" : "none (a top unit)";
            errors.Add(Error(row, GridUnitColumns.Parent,
                $"单元“{row.Code}”的上级现在是 {now}，文件中是“{parentCode}”：移动单元请使用管理后台的“移动”操作，它会记录原编码",
                $"unit \"{row.Code}\" has parent {nowEnglish}, the file says \"{parentCode}\": moving a unit is done in the admin's move action, which records the former codes"));
            return;
        }

        if (parentCode is null)
        {
            entry.ParentResolved = true;
            return;
        }

        var fileParent = byCode.GetValueOrDefault(parentCode);
        var treeParent = tree.FindCurrent(parentCode);
        if (fileParent is null && treeParent is null)
        {
            errors.Add(tree.Find(parentCode) is { } renamed
                ? Error(row, GridUnitColumns.Parent,
                    $"上级编码“{parentCode}”是单元“{renamed.Unit.Name}”的原编码：请用现编码“{renamed.Code}”",
                    $"parent \"{parentCode}\" is a former code of unit \"{renamed.Unit.Name}\": use its current code \"{renamed.Code}\"")
                : Error(row, GridUnitColumns.Parent,
                    $"上级编码“{parentCode}”既不在网格中，也不在文件中",
                    $"parent \"{parentCode}\" is neither in the grid nor in the file"));
            return;
        }

        // A code is its path: the parent's code, then more. It also keeps a file from making a loop of parents.
        if (row.Code.Length <= parentCode.Length || !row.Code.StartsWith(parentCode, StringComparison.Ordinal))
        {
            errors.Add(Error(row, GridUnitColumns.Code,
                $"编码“{row.Code}”必须以上级编码“{parentCode}”开头，并且比它长",
                $"code \"{row.Code}\" must start with its parent's code \"{parentCode}\" and be longer"));
            return;
        }

        entry.FileParent = fileParent;
        entry.TreeParent = treeParent;
        entry.ParentResolved = true;
    }

    /// <summary>The level as written, else the existing unit's, else one below the parent's (1 at the top).</summary>
    private static int? ResolveLevel(GridPlanLevels levels, GridUnitPlanEntry entry, List<GridImportError> errors)
    {
        if (entry.LevelResolved)
        {
            return entry.Level;
        }

        // Marked first: the chain of file parents is finite (codes get longer), but a marker costs nothing.
        entry.LevelResolved = true;
        var row = entry.Row;
        if (row.Level is { } text)
        {
            entry.Level = levels.Find(text);
            if (entry.Level is null && levels.Count > 0)
            {
                errors.Add(Error(row, GridUnitColumns.Level,
                    $"层级“{text}”不存在；本网格的层级：{levels.ListChinese()}",
                    $"level \"{text}\" does not exist; the grid's levels are: {levels.ListEnglish()}"));
            }
        }
        else if (entry.Existing is { } existing)
        {
            entry.Level = existing.Depth;
        }
        else if (entry.IsTop)
        {
            entry.Level = 1;
        }
        else if (entry.ParentResolved && ParentLevel(levels, entry, errors) is { } parentLevel)
        {
            if (levels.Exists(parentLevel + 1))
            {
                entry.Level = parentLevel + 1;
            }
            else
            {
                errors.Add(Error(row, GridUnitColumns.Level,
                    $"上级“{row.ParentCode}”已在最低层级（{levels.Chinese(parentLevel)}），下面没有层级",
                    $"parent \"{row.ParentCode}\" is at the lowest level ({levels.English(parentLevel)}): there is no level below it"));
            }
        }

        return entry.Level;
    }

    private static int? ParentLevel(GridPlanLevels levels, GridUnitPlanEntry entry, List<GridImportError> errors) =>
        entry.FileParent is { } fileParent ? ResolveLevel(levels, fileParent, errors) : entry.TreeParent?.Depth;

    private static void CheckLevel(GridPlanLevels levels, GridUnitPlanEntry entry, Dictionary<string, GridUnitPlanEntry> byCode, List<GridImportError> errors)
    {
        if (entry.Level is not { } level)
        {
            return;
        }

        var row = entry.Row;
        if (entry.IsTop && entry.ParentResolved && level != 1)
        {
            errors.Add(Error(row, GridUnitColumns.Level,
                $"没有上级的单元必须在第 1 层级（{levels.Chinese(1)}），而不是 {levels.Chinese(level)}",
                $"a unit without a parent must be at level 1 ({levels.English(1)}), not {levels.English(level)}"));
        }
        else if (!entry.IsTop && entry.ParentResolved && ParentLevel(levels, entry, errors) is { } parentLevel && level <= parentLevel)
        {
            errors.Add(Error(row, GridUnitColumns.Level,
                $"层级 {levels.Chinese(level)} 必须低于上级“{row.ParentCode}”的层级 {levels.Chinese(parentLevel)}",
                $"level {levels.English(level)} must be below the level of parent \"{row.ParentCode}\", {levels.English(parentLevel)}"));
        }

        // Children that the file leaves alone keep their level, so an existing unit cannot sink to or below them.
        if (entry.Existing is { } existing && level != existing.Depth)
        {
            foreach (var child in existing.Children.Where(c => !byCode.ContainsKey(c.Code) && c.Depth <= level))
            {
                errors.Add(Error(row, GridUnitColumns.Level,
                    $"下级单元“{child.Code}”在 {levels.Chinese(child.Depth)}，所以“{row.Code}”不能改到 {levels.Chinese(level)}",
                    $"child unit \"{child.Code}\" is at {levels.English(child.Depth)}, so \"{row.Code}\" cannot change to {levels.English(level)}"));
            }
        }
    }

    private static GridImportError Error(GridUnitRow row, GridColumn column, string chinese, string english) =>
        new(row.Row, column.Name, new(chinese, english));
}
