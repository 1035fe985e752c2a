using System.Text.RegularExpressions;
using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Localization;
using GovPlatform.Petitions.Models;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Petitions.Services;

/// <summary>
/// Saves the duty list and the departments. An entry is matched by its code and updated; entries missing from a
/// full import are deactivated, never deleted, since petitions name them. Checked as a whole before anything is written.
/// </summary>
internal sealed partial class PetitionCatalogEditor(TenantDbContext db, PetitionCatalogCache cache, IAuditLog audit)
{
    /// <summary>A department as imported or edited.</summary>
    public sealed record DepartmentInput(string Code, BilingualText Name, bool Active = true);

    /// <summary>A category or item as imported or edited; <see cref="Deadline"/> is <c>4h</c> or <c>3d</c>.</summary>
    public sealed record CategoryInput(string Code, string? ParentCode, BilingualText Name, string? Department, string? Deadline, bool OnTheSpot, bool Active = true);

    /// <summary>Checks <paramref name="departments"/> and <paramref name="categories"/> together; the errors (in English), or none.</summary>
    public static List<string> Validate(IReadOnlyList<DepartmentInput> departments, IReadOnlyList<CategoryInput> categories, IEnumerable<string> knownDepartments) =>
        [.. Check(departments, categories, knownDepartments).Select(e => e.English)];

    /// <summary>Checks <paramref name="departments"/> and <paramref name="categories"/> together; the errors in both languages, or none.</summary>
    public static List<BilingualText> Check(IReadOnlyList<DepartmentInput> departments, IReadOnlyList<CategoryInput> categories, IEnumerable<string> knownDepartments)
    {
        List<BilingualText> errors = [];
        var departmentCodes = new HashSet<string>(knownDepartments, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in departments)
        {
            if (!DepartmentCode().IsMatch(d.Code))
            {
                errors.Add(new($"部门“{d.Code}”：编码只能用小写字母、数字和连字符（2–32 个字符，字母开头）。", $"Department '{d.Code}': the code must be lowercase letters, digits and hyphens (2–32)."));
            }

            if (!seen.Add(d.Code))
            {
                errors.Add(new($"部门“{d.Code}”出现了两次。", $"Department '{d.Code}' appears twice."));
            }

            if (string.IsNullOrWhiteSpace(d.Name.Chinese) || d.Name.Chinese.Length > 100)
            {
                errors.Add(new($"部门“{d.Code}”：需要不超过 100 字的中文名称。", $"Department '{d.Code}': a Chinese name of at most 100 characters is required."));
            }

            departmentCodes.Add(d.Code);
        }

        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in categories)
        {
            var zh = $"类别“{c.Code}”";
            var en = $"Category '{c.Code}'";
            if (!CategoryCode().IsMatch(c.Code))
            {
                errors.Add(new($"{zh}：编码须为 2–16 位数字或字母。", $"{en}: the code must be 2–16 digits or letters."));
            }
            else if (IsReserved(c.Code))
            {
                errors.Add(new($"{zh}：这个编码是页面地址的保留字，请换一个。", $"{en}: this code is reserved by the pages' addresses; choose another."));
            }

            if (!codes.Add(c.Code))
            {
                errors.Add(new($"{zh}出现了两次。", $"{en} appears twice."));
            }

            if (c.ParentCode is { } parent && !c.Code.StartsWith(parent, StringComparison.Ordinal))
            {
                errors.Add(new($"{zh}：事项编码须以所属类别的编码“{parent}”开头。", $"{en}: an item's code must start with its category's code '{parent}'."));
            }

            if (string.IsNullOrWhiteSpace(c.Name.Chinese) || c.Name.Chinese.Length > 100)
            {
                errors.Add(new($"{zh}：需要不超过 100 字的中文名称。", $"{en}: a Chinese name of at most 100 characters is required."));
            }

            if (c.Department is { } department && !departmentCodes.Contains(department))
            {
                errors.Add(new($"{zh}：没有部门“{department}”。", $"{en}: there is no department '{department}'."));
            }

            if (c.Deadline is { } deadline && ParseDeadline(deadline) is null)
            {
                errors.Add(new($"{zh}：时限“{deadline}”须为工作小时（1h–72h）或工作日（1d–60d）。", $"{en}: the deadline '{deadline}' must be working hours (1h–72h) or working days (1d–60d)."));
            }
        }

        return errors;
    }

    /// <summary>Parses <c>4h</c> (working hours, 1–72) or <c>3d</c> (working days, 1–60).</summary>
    public static (int Amount, DeadlineUnit Unit)? ParseDeadline(string text)
    {
        var match = DeadlinePattern().Match(text.Trim());
        if (!match.Success || !int.TryParse(match.Groups[1].Value, out var amount))
        {
            return null;
        }

        var unit = match.Groups[2].Value is "h" or "H" ? DeadlineUnit.WorkingHours : DeadlineUnit.WorkingDays;
        return amount >= 1 && amount <= (unit == DeadlineUnit.WorkingHours ? 72 : 60) ? (amount, unit) : null;
    }

    public static string FormatDeadline(PetitionCategory category) => category.DeadlineAmount <= 0 ? ""
        : category.DeadlineUnit == DeadlineUnit.WorkingHours ? $"{category.DeadlineAmount}h" : $"{category.DeadlineAmount}d";

    /// <summary>Writes the departments and categories (upsert by code). Validate first.</summary>
    public async Task SaveAsync(IReadOnlyList<DepartmentInput> departments, IReadOnlyList<CategoryInput> categories, CancellationToken cancellationToken)
    {
        var existingDepartments = await db.Set<PetitionDepartment>().ToDictionaryAsync(d => d.Code, StringComparer.Ordinal, cancellationToken);
        foreach (var d in departments)
        {
            if (!existingDepartments.TryGetValue(d.Code, out var row))
            {
                row = new PetitionDepartment { Code = d.Code };
                db.Add(row);
            }

            row.Name = d.Name.Chinese.Trim();
            row.EnglishName = d.Name.English?.Trim() ?? "";
            row.Active = d.Active;
        }

        var existing = await db.Set<PetitionCategory>().ToDictionaryAsync(c => c.Code, StringComparer.Ordinal, cancellationToken);
        var position = existing.Count == 0 ? 0 : existing.Values.Max(c => c.Position) + 1;
        foreach (var c in categories)
        {
            if (!existing.TryGetValue(c.Code, out var row))
            {
                row = new PetitionCategory { Code = c.Code, Position = position++ };
                db.Add(row);
            }

            var deadline = c.Deadline is { } text ? ParseDeadline(text) : null;
            row.ParentCode = c.ParentCode;
            row.Name = c.Name.Chinese.Trim();
            row.EnglishName = c.Name.English?.Trim() ?? "";
            row.Department = c.Department;
            row.DeadlineAmount = deadline?.Amount ?? 0;
            row.DeadlineUnit = deadline?.Unit ?? DeadlineUnit.WorkingDays;
            row.OnTheSpot = c.OnTheSpot;
            row.Active = c.Active;
        }

        await audit.RecordAsync(new AuditEvent("petitions", "catalog", null, $"{departments.Count} departments, {categories.Count} categories and items saved"), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        cache.Invalidate();
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{1,31}$")]
    private static partial Regex DepartmentCode();

    [GeneratedRegex("^[0-9A-Za-z]{2,16}$")]
    private static partial Regex CategoryCode();

    [GeneratedRegex("^([0-9]{1,3})([hHdD])$")]
    private static partial Regex DeadlinePattern();
}
