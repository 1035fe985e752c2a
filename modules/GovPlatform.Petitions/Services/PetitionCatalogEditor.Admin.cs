using System.Text.Json;
using System.Text.Json.Nodes;
using GovPlatform.Auditing;
using GovPlatform.Localization;
using GovPlatform.Petitions.Models;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Petitions.Services;

/// <summary>
/// The admin's edits of the duty list: one category or item at a time, the departments as a table, and a whole file
/// imported. Codes never change; an entry a petition names is deactivated, never deleted; every change is audited and
/// drops the shell's cached catalogue.
/// </summary>
internal sealed partial class PetitionCatalogEditor
{
    /// <summary>The largest catalogue file the import reads.</summary>
    public const long MaxImportBytes = 5 * 1024 * 1024;

    private static readonly JsonSerializerOptions AuditJson = new(JsonSerializerDefaults.Web);

    private static readonly string[] Reserved = ["new", "departments", "export", "import"];

    /// <summary>A row of the departments table: an existing department (<see cref="IsNew"/> false) or a new one.</summary>
    public sealed record DepartmentEdit(string Code, BilingualText Name, bool Active, bool Delete, bool IsNew);

    /// <summary>What an import did, or why it did nothing.</summary>
    public sealed record ImportResult(IReadOnlyList<BilingualText> Errors, int Added, int Changed, int Deactivated, int Unchanged)
    {
        public bool Succeeded => Errors.Count == 0;
    }

    /// <summary>The codes the admin pages' addresses use (<c>catalog/new</c>…): no category may take them.</summary>
    public static bool IsReserved(string code) => Reserved.Contains(code, StringComparer.OrdinalIgnoreCase);

    public Task<PetitionCatalogUsage> UsageAsync(CancellationToken cancellationToken) => PetitionCatalogUsage.LoadAsync(db, cancellationToken);

    /// <summary>Adds a category (no <see cref="CategoryInput.ParentCode"/>) or an item; the errors by field, none when saved.</summary>
    public async Task<Dictionary<string, BilingualText>> CreateAsync(CategoryInput input, CancellationToken cancellationToken)
    {
        var catalog = await PetitionCatalog.LoadAsync(db, cancellationToken);
        var errors = CheckEntry(input, catalog, null);
        if (errors.Count > 0)
        {
            return errors;
        }

        try
        {
            await db.InTransactionAsync(async ct =>
            {
                var position = await db.Set<PetitionCategory>().Select(c => (int?)c.Position).MaxAsync(ct) ?? -1;
                var row = new PetitionCategory { Code = input.Code.Trim(), ParentCode = input.ParentCode, Position = position + 1, Active = true };
                Apply(row, input with { Active = true });
                db.Add(row);
                await audit.RecordAsync(new AuditEvent("petitions", "create-category", row.Code,
                    $"{(row.ParentCode is null ? "Category" : "Item")} {row.Code} {row.Name} added", null, Snapshot(row)), ct);
                return true;
            }, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another admin took the code a moment ago.
            return new() { ["Code"] = new("这个编码已被使用。", "This code is taken.") };
        }

        cache.Invalidate();
        return errors;
    }

    /// <summary>
    /// Changes the names, department, deadline, on-the-spot flag and whether it is active of <paramref name="code"/>;
    /// deactivating a category deactivates its items. The errors by field; <c>null</c> when there is no such entry.
    /// </summary>
    public async Task<Dictionary<string, BilingualText>?> UpdateAsync(string code, CategoryInput input, CancellationToken cancellationToken)
    {
        var catalog = await PetitionCatalog.LoadAsync(db, cancellationToken);
        if (catalog.Find(code) is not { } existing)
        {
            return null;
        }

        var edit = input with { Code = existing.Code, ParentCode = existing.ParentCode };
        var errors = CheckEntry(edit, catalog, existing);
        if (errors.Count > 0)
        {
            return errors;
        }

        await db.InTransactionAsync(async ct =>
        {
            var row = await db.Set<PetitionCategory>().SingleAsync(c => c.Code == existing.Code, ct);
            var before = Snapshot(row);
            Apply(row, edit);
            List<string> cascaded = [];
            if (row.ParentCode is null && !row.Active)
            {
                // An item of an inactive category must not stay choosable on its own.
                foreach (var item in await db.Set<PetitionCategory>().Where(c => c.ParentCode == row.Code && c.Active).ToListAsync(ct))
                {
                    item.Active = false;
                    cascaded.Add(item.Code);
                }
            }

            var summary = $"{(row.ParentCode is null ? "Category" : "Item")} {row.Code} {row.Name} edited"
                + (existing.Active && !row.Active ? ", deactivated" : !existing.Active && row.Active ? ", activated" : "")
                + (cascaded.Count > 0 ? $"; items deactivated with it: {string.Join(", ", cascaded)}" : "");
            await audit.RecordAsync(new AuditEvent("petitions", "update-category", row.Code, summary, before, Snapshot(row)), ct);
            return true;
        }, cancellationToken);
        cache.Invalidate();
        return errors;
    }

    /// <summary>Deletes an entry no petition names and with no items; the reason when it cannot, <c>null</c> when done.</summary>
    public async Task<(bool Found, BilingualText? Refusal)> DeleteAsync(string code, CancellationToken cancellationToken)
    {
        BilingualText? refusal = null;
        var found = await db.InTransactionAsync(async ct =>
        {
            refusal = null;
            if (await db.Set<PetitionCategory>().SingleOrDefaultAsync(c => c.Code == code, ct) is not { } row)
            {
                return false;
            }

            var items = await db.Set<PetitionCategory>().CountAsync(c => c.ParentCode == row.Code, ct);
            var petitions = await db.Set<Petition>().CountAsync(p => p.CategoryCode == row.Code, ct);
            if (items > 0)
            {
                refusal = new($"类别下还有 {items} 个事项，不能删除。请先删除没有诉求使用的事项，或停用这个类别。",
                    $"The category still has {items} items and cannot be deleted. Delete the items no petition uses first, or deactivate the category.");
            }
            else if (petitions > 0)
            {
                refusal = new($"已有 {petitions} 件诉求使用这一条目，不能删除，只能停用。",
                    $"{petitions} petitions use this entry: it cannot be deleted, only deactivated.");
            }
            else
            {
                db.Remove(row);
                await audit.RecordAsync(new AuditEvent("petitions", "delete-category", row.Code,
                    $"{(row.ParentCode is null ? "Category" : "Item")} {row.Code} {row.Name} deleted", Snapshot(row)), ct);
            }

            return true;
        }, cancellationToken);
        if (found && refusal is null)
        {
            cache.Invalidate();
        }

        return (found, refusal);
    }

    /// <summary>
    /// Saves the departments table: new rows added, names changed, departments activated, deactivated or deleted. A
    /// department that leads an active entry stays active; one anything names stays. The errors by
    /// <c>Departments[i].Field</c>, none when saved.
    /// </summary>
    public async Task<Dictionary<string, BilingualText>> SaveDepartmentsAsync(IReadOnlyList<DepartmentEdit> rows, CancellationToken cancellationToken)
    {
        var catalog = await PetitionCatalog.LoadAsync(db, cancellationToken);
        var usage = await PetitionCatalogUsage.LoadAsync(db, cancellationToken);
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        var newCodes = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var prefix = $"Departments[{i}].";
            var code = row.Code.Trim();
            var existing = row.IsNew ? null : catalog.FindDepartment(code);
            if (row.IsNew)
            {
                if (!DepartmentCode().IsMatch(code))
                {
                    errors[prefix + "Code"] = new("编码只能用小写字母、数字和连字符，字母开头，2–32 个字符（例如 chengguan）。",
                        "The code uses lowercase letters, digits and hyphens, starts with a letter and has 2–32 characters (e.g. chengguan).");
                }
                else if (catalog.FindDepartment(code) is not null || !newCodes.Add(code))
                {
                    errors[prefix + "Code"] = new("这个编码已被使用（包括已停用的部门）。", "This code is taken (deactivated departments included).");
                }
            }
            else if (existing is null)
            {
                errors[prefix + "Code"] = new("这个部门已不存在，请刷新页面。", "This department no longer exists; reload the page.");
                continue;
            }

            if (row.Delete && existing is not null)
            {
                var leads = catalog.Categories.Where(c => c.Department == existing.Code).ToList();
                if (leads.Count > 0 || usage.NamesDepartment(existing.Code))
                {
                    errors[prefix + "Delete"] = new(
                        $"{(leads.Count > 0 ? $"有 {leads.Count} 个条目以它为牵头部门" : "已有诉求经过这个部门")}，不能删除，只能停用。",
                        $"{(leads.Count > 0 ? $"{leads.Count} entries name it as lead" : "Petitions have been with this department")}: it cannot be deleted, only deactivated.");
                }

                continue;
            }

            var name = row.Name.Chinese?.Trim() ?? "";
            if (name.Length is 0 or > 100)
            {
                errors[prefix + "Name"] = new("请填写部门名称（不超过 100 字）。", "Enter the department's name (100 characters at most).");
            }
            else if (!names.Add(name))
            {
                errors[prefix + "Name"] = new("两个部门不能同名。", "Two departments cannot have the same name.");
            }

            if ((row.Name.English?.Trim().Length ?? 0) > 200)
            {
                errors[prefix + "EnglishName"] = new("英文名称不超过 200 个字符。", "The English name has at most 200 characters.");
            }

            if (existing is { Active: true } && !row.Active)
            {
                var leads = catalog.Categories.Where(c => c.Active && c.Department == existing.Code).ToList();
                if (leads.Count > 0)
                {
                    var zh = string.Join("、", leads.Take(10).Select(c => $"{c.Code} {c.Name}")) + (leads.Count > 10 ? $" 等 {leads.Count} 项" : "");
                    var en = string.Join(", ", leads.Take(10).Select(c => $"{c.Code} {PetitionCatalog.Name(c, System.Globalization.CultureInfo.InvariantCulture)}"))
                        + (leads.Count > 10 ? $" and {leads.Count - 10} more" : "");
                    errors[prefix + "Active"] = new(
                        $"它是以下有效事项的牵头部门，不能停用：{zh}。请先为这些事项改换牵头部门，或停用它们。",
                        $"It leads these active entries and cannot be deactivated: {en}. Give them another lead department, or deactivate them, first.");
                }
            }
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        await db.InTransactionAsync(async ct =>
        {
            var stored = await db.Set<PetitionDepartment>().ToDictionaryAsync(d => d.Code, StringComparer.Ordinal, ct);
            var before = new JsonArray();
            var after = new JsonArray();
            List<string> changes = [];
            foreach (var row in rows)
            {
                var code = row.Code.Trim();
                stored.TryGetValue(code, out var department);
                if (department is not null)
                {
                    var old = Snapshot(department);
                    if (row.Delete)
                    {
                        db.Remove(department);
                        before.Add(old);
                        changes.Add($"{code} deleted");
                        continue;
                    }

                    var wasActive = department.Active;
                    department.Name = row.Name.Chinese.Trim();
                    department.EnglishName = row.Name.English?.Trim() ?? "";
                    department.Active = row.Active;
                    if (!JsonNode.DeepEquals(old, Snapshot(department)))
                    {
                        before.Add(old);
                        after.Add(Snapshot(department));
                        changes.Add(wasActive == row.Active ? $"{code} edited" : $"{code} {(row.Active ? "activated" : "deactivated")}");
                    }
                }
                else if (row.IsNew && !row.Delete)
                {
                    department = new PetitionDepartment { Code = code, Name = row.Name.Chinese.Trim(), EnglishName = row.Name.English?.Trim() ?? "", Active = row.Active };
                    db.Add(department);
                    after.Add(Snapshot(department));
                    changes.Add($"{code} added");
                }
            }

            if (changes.Count > 0)
            {
                await audit.RecordAsync(new AuditEvent("petitions", "update-departments", null, $"Departments: {string.Join("; ", changes)}", before, after), ct);
            }

            return true;
        }, cancellationToken);
        cache.Invalidate();
        return errors;
    }

    /// <summary>
    /// Imports a whole catalogue: checked as a whole, then applied all at once or not at all. Entries are matched by code
    /// and updated; those missing from the file are deactivated (never deleted). The file must name every department
    /// its entries use.
    /// </summary>
    public async Task<ImportResult> ImportAsync(IReadOnlyList<DepartmentInput> departments, IReadOnlyList<CategoryInput> categories, string? fileName, CancellationToken cancellationToken)
    {
        var errors = Check(departments, categories, []);
        if (departments.Count == 0 && categories.Count == 0)
        {
            errors.Add(new("文件里没有部门也没有类别：导入它会停用全部条目。", "The file has no departments and no categories: importing it would deactivate everything."));
        }

        var catalog = await PetitionCatalog.LoadAsync(db, cancellationToken);
        var fileDepartments = departments.GroupBy(d => d.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var fileCategories = categories.GroupBy(c => c.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var c in categories)
        {
            if (catalog.Find(c.Code) is { } stored && stored.ParentCode != c.ParentCode)
            {
                errors.Add(new(
                    $"类别“{c.Code}”已{(stored.ParentCode is null ? "是顶级类别" : $"属于类别“{stored.ParentCode}”")}，编码不能换到别处。",
                    $"Category '{c.Code}' is {(stored.ParentCode is null ? "a top category" : $"an item of '{stored.ParentCode}'")}: a code cannot move."));
            }

            if (!c.Active)
            {
                continue;
            }

            if (c.Department is { } department && fileDepartments.TryGetValue(department, out var lead) && !lead.Active)
            {
                errors.Add(new($"类别“{c.Code}”有效，但它的牵头部门“{department}”已停用。", $"Category '{c.Code}' is active but its lead department '{department}' is not."));
            }

            if (c.ParentCode is { } parent && fileCategories.TryGetValue(parent, out var root) && !root.Active)
            {
                errors.Add(new($"事项“{c.Code}”有效，但所属类别“{parent}”已停用。", $"Item '{c.Code}' is active but its category '{parent}' is not."));
            }
        }

        if (errors.Count > 0)
        {
            return new ImportResult(errors, 0, 0, 0, 0);
        }

        var (added, changed, deactivated, unchanged) = await db.InTransactionAsync(async ct =>
        {
            int added = 0, changed = 0, deactivated = 0, unchanged = 0;
            void Count(JsonNode? before, JsonNode after)
            {
                if (before is null)
                {
                    added++;
                }
                else if (JsonNode.DeepEquals(before, after))
                {
                    unchanged++;
                }
                else
                {
                    changed++;
                }
            }

            var storedDepartments = await db.Set<PetitionDepartment>().ToDictionaryAsync(d => d.Code, StringComparer.Ordinal, ct);
            foreach (var d in departments)
            {
                var isNew = !storedDepartments.TryGetValue(d.Code, out var row);
                row ??= db.Add(new PetitionDepartment { Code = d.Code }).Entity;
                var before = isNew ? null : Snapshot(row);
                row.Name = d.Name.Chinese.Trim();
                row.EnglishName = d.Name.English?.Trim() ?? "";
                row.Active = d.Active;
                Count(before, Snapshot(row));
            }

            foreach (var row in storedDepartments.Values.Where(d => d.Active && !fileDepartments.ContainsKey(d.Code)))
            {
                row.Active = false;
                deactivated++;
            }

            var storedCategories = await db.Set<PetitionCategory>().ToDictionaryAsync(c => c.Code, StringComparer.Ordinal, ct);
            var position = storedCategories.Count == 0 ? 0 : storedCategories.Values.Max(c => c.Position) + 1;
            foreach (var c in categories)
            {
                var isNew = !storedCategories.TryGetValue(c.Code, out var row);
                row ??= db.Add(new PetitionCategory { Code = c.Code, ParentCode = c.ParentCode, Position = position++ }).Entity;
                var before = isNew ? null : Snapshot(row);
                Apply(row, c);
                Count(before, Snapshot(row));
            }

            foreach (var row in storedCategories.Values.Where(c => c.Active && !fileCategories.ContainsKey(c.Code)))
            {
                row.Active = false;
                deactivated++;
            }

            await audit.RecordAsync(new AuditEvent("petitions", "import-catalog", fileName,
                $"Duty list imported from {fileName ?? "a file"}: {added} added, {changed} changed, {deactivated} deactivated, {unchanged} unchanged"), ct);
            return (added, changed, deactivated, unchanged);
        }, cancellationToken);
        cache.Invalidate();
        return new ImportResult([], added, changed, deactivated, unchanged);
    }

    /// <summary>Why one entry as the admin's form gives it cannot be saved, by field (<c>Code</c>, <c>Name</c>, <c>Department</c>…).</summary>
    private static Dictionary<string, BilingualText> CheckEntry(CategoryInput input, PetitionCatalog catalog, PetitionCategory? existing)
    {
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        var code = input.Code.Trim();
        var parent = input.ParentCode is null ? null : catalog.Find(input.ParentCode);
        var isItem = input.ParentCode is not null;
        if (existing is null)
        {
            if (isItem && (parent is null || parent.ParentCode is not null))
            {
                errors["ParentCode"] = new("没有这个类别；事项只能加在顶级类别下。", "There is no such category; items go under a top category.");
            }
            else if (parent is { Active: false })
            {
                errors["ParentCode"] = new("这个类别已停用，请先启用它再添加事项。", "This category is deactivated; activate it before adding items.");
            }

            if (!CategoryCode().IsMatch(code))
            {
                errors["Code"] = new("编码须为 2–16 位数字或字母。", "The code has 2–16 digits or letters.");
            }
            else if (IsReserved(code))
            {
                errors["Code"] = new("这个编码是页面地址的保留字，请换一个。", "This code is reserved by the pages' addresses; choose another.");
            }
            else if (catalog.Find(code) is not null)
            {
                errors["Code"] = new("这个编码已被使用（包括已停用的条目）。", "This code is taken (deactivated entries included).");
            }
            else if (parent is not null && (code.Length <= parent.Code.Length || !code.StartsWith(parent.Code, StringComparison.Ordinal)))
            {
                errors["Code"] = new($"事项编码须以类别编码“{parent.Code}”开头并更长，例如 {parent.Code}01。",
                    $"An item's code starts with its category's code '{parent.Code}' and is longer, e.g. {parent.Code}01.");
            }
        }

        var name = input.Name.Chinese?.Trim() ?? "";
        if (name.Length is 0 or > 100)
        {
            errors["Name"] = new("请填写名称（不超过 100 字）。", "Enter the name (100 characters at most).");
        }
        else if (catalog.Categories.Any(c => c.ParentCode == input.ParentCode && c.Code != code && c.Name == name))
        {
            errors["Name"] = new(isItem ? "同一类别下已有同名事项。" : "已有同名类别。", isItem ? "The category already has an item of this name." : "A category of this name exists.");
        }

        if ((input.Name.English?.Trim().Length ?? 0) > 200)
        {
            errors["EnglishName"] = new("英文名称不超过 200 个字符。", "The English name has at most 200 characters.");
        }

        if (string.IsNullOrWhiteSpace(input.Department))
        {
            if (isItem)
            {
                errors["Department"] = new("请选择牵头处置部门。", "Choose the lead department.");
            }
        }
        else if (catalog.FindDepartment(input.Department.Trim()) is not { } department)
        {
            errors["Department"] = new("没有这个部门。", "There is no such department.");
        }
        else if (!department.Active && input.Active && department.Code != existing?.Department)
        {
            errors["Department"] = new("这个部门已停用，请选择有效的部门。", "This department is deactivated; choose an active one.");
        }
        else if (!department.Active && input.Active)
        {
            errors["Department"] = new("牵头部门已停用：请改换部门后再启用这一条目。", "The lead department is deactivated: choose another before activating this entry.");
        }

        if (string.IsNullOrWhiteSpace(input.Deadline))
        {
            if (isItem)
            {
                errors["DeadlineAmount"] = new("请填写最低处置时限。", "Enter the handling deadline.");
            }
        }
        else if (ParseDeadline(input.Deadline) is null)
        {
            errors["DeadlineAmount"] = new("时限须为 1–72 个工作小时或 1–60 个工作日。", "The deadline is 1–72 working hours or 1–60 working days.");
        }

        if (input.Active && existing is not null && isItem && parent is { Active: false })
        {
            errors["Active"] = new("所属类别已停用：请先启用类别。", "Its category is deactivated: activate the category first.");
        }

        return errors;
    }

    private static void Apply(PetitionCategory row, CategoryInput input)
    {
        var deadline = string.IsNullOrWhiteSpace(input.Deadline) ? null : ParseDeadline(input.Deadline);
        row.Name = input.Name.Chinese.Trim();
        row.EnglishName = input.Name.English?.Trim() ?? "";
        row.Department = string.IsNullOrWhiteSpace(input.Department) ? null : input.Department.Trim();
        row.DeadlineAmount = deadline?.Amount ?? 0;
        row.DeadlineUnit = deadline?.Unit ?? DeadlineUnit.WorkingDays;
        row.OnTheSpot = input.OnTheSpot;
        row.Active = input.Active;
    }

    private static JsonObject Snapshot(PetitionCategory c) => new()
    {
        ["code"] = c.Code,
        ["parentCode"] = c.ParentCode,
        ["name"] = c.Name,
        ["englishName"] = c.EnglishName,
        ["department"] = c.Department,
        ["deadline"] = FormatDeadline(c),
        ["onTheSpot"] = c.OnTheSpot,
        ["active"] = c.Active,
    };

    private static JsonObject Snapshot(PetitionDepartment d) =>
        JsonSerializer.SerializeToNode(new { d.Code, d.Name, d.EnglishName, d.Active }, AuditJson)!.AsObject();
}
