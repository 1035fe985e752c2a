using System.Globalization;
using GovPlatform.Data;
using GovPlatform.Localization;
using GovPlatform.Modules;
using GovPlatform.Petitions.Components.Admin;
using GovPlatform.Petitions.Models;
using GovPlatform.Petitions.Security;
using GovPlatform.Petitions.Services;
using GovPlatform.Security;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace GovPlatform.Petitions.Endpoints;

/// <summary>
/// The duty list (职责清单) in the admin, <c>admin/petitions/catalog</c>: the list, the departments table, a category's
/// or item's form, export and import; and the petition rules (<see cref="PetitionSettingsEndpoints"/>). All need
/// <see cref="PetitionPermissions.Manage"/>, which is tenant-wide.
/// </summary>
internal static class CatalogEndpoints
{
    private const string CatalogPath = "admin/petitions/catalog";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/admin/petitions").RequirePermission(PetitionPermissions.Manage);
        group.MapGetShared("/catalog", CatalogAsync);
        group.MapGetShared("/catalog/departments", DepartmentsAsync);
        group.MapPostShared("/catalog/departments", SaveDepartmentsAsync);
        group.MapGetShared("/catalog/new", NewAsync);
        group.MapPostShared("/catalog/new", CreateAsync);
        group.MapGetShared("/catalog/export", ExportAsync);
        group.MapGetShared("/catalog/import", (HttpContext context) => ImportPage(context, null, StatusCodes.Status200OK));
        group.MapPostShared("/catalog/import", ImportAsync);
        group.MapGetShared("/catalog/{code}", EditAsync);
        group.MapPostShared("/catalog/{code}", UpdateAsync);
        group.MapPostShared("/catalog/{code}/delete", DeleteAsync);
        PetitionSettingsEndpoints.Map(group);
    }

    private static async Task<IResult> CatalogAsync(bool? saved, HttpContext context, TenantDbContext db, PetitionCatalogEditor editor, CancellationToken ct)
    {
        var catalog = await PetitionCatalog.LoadAsync(db, ct);
        var usage = await editor.UsageAsync(ct);
        var culture = CultureInfo.CurrentUICulture;
        var groups = catalog.Roots.Select(root =>
        {
            var items = catalog.ItemsOf(root.Code).Select(i => View(i, catalog, usage.PetitionsOf(i.Code), culture)).ToList();
            return new CatalogGroupView(View(root, catalog, usage.PetitionsOf(root.Code) + items.Sum(i => i.Petitions), culture), items);
        }).ToList();
        return ComponentPage.Render<CatalogPage>(context, new
        {
            Departments = Departments(catalog, usage),
            Groups = groups,
            Saved = saved == true,
        });
    }

    private static async Task<IResult> DepartmentsAsync(bool? saved, HttpContext context, TenantDbContext db, PetitionCatalogEditor editor, CancellationToken ct)
    {
        var catalog = await PetitionCatalog.LoadAsync(db, ct);
        var views = Departments(catalog, await editor.UsageAsync(ct));
        var rows = views.Select(d => new CatalogDepartmentRow(d.Code, d.Name, d.EnglishName, d.Active, false, false)).ToList();
        return DepartmentsPage(context, rows, views, new Dictionary<string, string>(), saved == true, StatusCodes.Status200OK);
    }

    private static async Task<IResult> SaveDepartmentsAsync([FromForm] CatalogDeleteForm? confirm, HttpContext context, TenantDbContext db, PetitionCatalogEditor editor, CancellationToken ct)
    {
        // A table whose length the admin chooses: read by index (lists do not bind reliably in minimal APIs; the form
        // parameter is there so that the antiforgery token is checked). A blank new row is ignored.
        var form = await context.Request.ReadFormAsync(ct);
        var rows = new List<CatalogDepartmentRow>();
        for (var i = 0; i < 1000; i++)
        {
            var prefix = $"Departments[{i}].";
            if (!form.ContainsKey(prefix + "Code"))
            {
                break;
            }

            var row = new CatalogDepartmentRow(
                form[prefix + "Code"].ToString().Trim(), form[prefix + "Name"].ToString(), form[prefix + "EnglishName"].ToString(),
                form[prefix + "Active"] == "true", form[prefix + "Remove"] == "true", form[prefix + "IsNew"] == "true");
            if (row.IsNew && row.Code.Length == 0 && string.IsNullOrWhiteSpace(row.Name) && string.IsNullOrWhiteSpace(row.EnglishName))
            {
                continue;
            }

            rows.Add(row);
        }

        var errors = await editor.SaveDepartmentsAsync(
            [.. rows.Select(r => new PetitionCatalogEditor.DepartmentEdit(r.Code, new(r.Name, r.EnglishName), r.Active, r.Remove, r.IsNew))], ct);
        if (errors.Count == 0)
        {
            return Results.Redirect(context.TenantPath($"{CatalogPath}/departments?saved=true"));
        }

        var catalog = await PetitionCatalog.LoadAsync(db, ct);
        return DepartmentsPage(context, rows, Departments(catalog, await editor.UsageAsync(ct)), Text(errors), false, StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> NewAsync(string? parent, HttpContext context, TenantDbContext db, CancellationToken ct)
    {
        var catalog = await PetitionCatalog.LoadAsync(db, ct);
        PetitionCategory? root = null;
        if (!string.IsNullOrEmpty(parent) && (root = catalog.Find(parent)) is not { ParentCode: null })
        {
            return Results.NotFound();
        }

        var form = new CatalogEntryForm { ParentCode = root?.Code, Code = NextCode(catalog, root), Active = true };
        return EditPage(context, catalog, form, null, 0, 0, new Dictionary<string, string>(), false, StatusCodes.Status200OK);
    }

    private static async Task<IResult> CreateAsync([FromForm] CatalogEntryForm form, HttpContext context, TenantDbContext db, PetitionCatalogEditor editor, CancellationToken ct)
    {
        form.ParentCode = string.IsNullOrWhiteSpace(form.ParentCode) ? null : form.ParentCode.Trim();
        form.Active = true;
        var errors = await editor.CreateAsync(Input(form, form.Code ?? "", form.ParentCode), ct);
        if (errors.Count == 0)
        {
            return Results.Redirect(context.TenantPath($"{CatalogPath}?saved=true"));
        }

        var catalog = await PetitionCatalog.LoadAsync(db, ct);
        return EditPage(context, catalog, form, null, 0, 0, Text(errors), false, StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> EditAsync(string code, bool? saved, HttpContext context, TenantDbContext db, PetitionCatalogEditor editor, CancellationToken ct)
    {
        var catalog = await PetitionCatalog.LoadAsync(db, ct);
        if (catalog.Find(code) is not { } entry)
        {
            return Results.NotFound();
        }

        var form = FormOf(entry);
        var usage = await editor.UsageAsync(ct);
        return EditPage(context, catalog, form, entry, usage.PetitionsOf(entry.Code), catalog.ItemsOf(entry.Code).Count(), new Dictionary<string, string>(), saved == true, StatusCodes.Status200OK);
    }

    private static async Task<IResult> UpdateAsync(string code, [FromForm] CatalogEntryForm form, HttpContext context, TenantDbContext db, PetitionCatalogEditor editor, CancellationToken ct)
    {
        var errors = await editor.UpdateAsync(code, Input(form, code, null), ct);
        if (errors is null)
        {
            return Results.NotFound();
        }

        if (errors.Count == 0)
        {
            return Results.Redirect(context.TenantPath($"{CatalogPath}?saved=true"));
        }

        var catalog = await PetitionCatalog.LoadAsync(db, ct);
        var entry = catalog.Find(code)!;
        form.Code = entry.Code;
        form.ParentCode = entry.ParentCode;
        var usage = await editor.UsageAsync(ct);
        return EditPage(context, catalog, form, entry, usage.PetitionsOf(entry.Code), catalog.ItemsOf(entry.Code).Count(), Text(errors), false, StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> DeleteAsync(string code, [FromForm] CatalogDeleteForm? confirm, HttpContext context, TenantDbContext db, PetitionCatalogEditor editor, CancellationToken ct)
    {
        var (found, refusal) = await editor.DeleteAsync(code, ct);
        if (!found)
        {
            return Results.NotFound();
        }

        if (refusal is null)
        {
            return Results.Redirect(context.TenantPath($"{CatalogPath}?saved=true"));
        }

        // Refused: the entry's form as it is stored, with the reason.
        var catalog = await PetitionCatalog.LoadAsync(db, ct);
        var entry = catalog.Find(code)!;
        var form = FormOf(entry);
        var usage = await editor.UsageAsync(ct);
        return EditPage(context, catalog, form, entry, usage.PetitionsOf(entry.Code), catalog.ItemsOf(entry.Code).Count(),
            new Dictionary<string, string> { [""] = refusal.Value.ToString() }, false, StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> ExportAsync(TenantDbContext db, ITenant tenant, CancellationToken ct)
    {
        var catalog = await PetitionCatalog.LoadAsync(db, ct);
        return Results.File(PetitionCatalogFile.Write(catalog), "application/json; charset=utf-8", $"{tenant.Name}-petitions.json");
    }

    private static async Task<IResult> ImportAsync(IFormFile? file, HttpContext context, PetitionCatalogEditor editor, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            return ImportPage(context, Outcome(file, [new("请选择要导入的 JSON 文件。", "Choose a JSON file to import.")]), StatusCodes.Status400BadRequest);
        }

        if (file.Length > PetitionCatalogEditor.MaxImportBytes)
        {
            return ImportPage(context, Outcome(file, [new("文件超过 5 MB。", "The file is larger than 5 MB.")]), StatusCodes.Status400BadRequest);
        }

        await using var stream = file.OpenReadStream();
        var (departments, categories, readErrors) = PetitionCatalogFile.Read(stream);
        if (readErrors.Count > 0)
        {
            return ImportPage(context, Outcome(file, readErrors), StatusCodes.Status400BadRequest);
        }

        var fileName = Path.GetFileName(file.FileName);
        var result = await editor.ImportAsync(departments, categories, fileName, ct);
        if (!result.Succeeded)
        {
            return ImportPage(context, Outcome(file, result.Errors), StatusCodes.Status400BadRequest);
        }

        var summary = new BilingualText(
            $"已导入：新增 {result.Added} 条，修改 {result.Changed} 条，停用 {result.Deactivated} 条，{result.Unchanged} 条未变。",
            $"Imported: {result.Added} added, {result.Changed} changed, {result.Deactivated} deactivated, {result.Unchanged} unchanged.");
        return ImportPage(context, new CatalogImportOutcome(fileName, [], summary.ToString()), StatusCodes.Status200OK);
    }

    private static CatalogImportOutcome Outcome(IFormFile? file, IEnumerable<BilingualText> errors) =>
        new(file is null ? null : Path.GetFileName(file.FileName), [.. errors.Select(e => e.ToString())], null);

    private static RazorComponentResult<CatalogImportPage> ImportPage(HttpContext context, CatalogImportOutcome? outcome, int status) =>
        ComponentPage.Render<CatalogImportPage>(context, new { Outcome = outcome }, status);

    private static RazorComponentResult<CatalogDepartmentsPage> DepartmentsPage(
        HttpContext context, IReadOnlyList<CatalogDepartmentRow> rows, IReadOnlyList<CatalogDepartmentView> views, IReadOnlyDictionary<string, string> errors, bool saved, int status) =>
        ComponentPage.Render<CatalogDepartmentsPage>(context, new
        {
            Rows = rows,
            Stored = views.ToDictionary(v => v.Code, StringComparer.Ordinal),
            Errors = errors,
            Saved = saved,
        }, status);

    private static RazorComponentResult<CatalogEditPage> EditPage(
        HttpContext context, PetitionCatalog catalog, CatalogEntryForm form, PetitionCategory? entry, int petitions, int items,
        IReadOnlyDictionary<string, string> errors, bool saved, int status)
    {
        var culture = CultureInfo.CurrentUICulture;
        var parent = catalog.Find(form.ParentCode);

        // Active departments, and the entry's own one even when it is no longer active (so the form shows what is stored).
        var departments = catalog.Departments
            .Where(d => d.Active || d.Code == entry?.Department || d.Code == form.Department)
            .Select(d => new CatalogOption(d.Code, $"{catalog.DepartmentName(d.Code, culture)}{(d.Active ? "" : new BilingualText("（已停用）", " (deactivated)").ToString())}"))
            .ToList();
        return ComponentPage.Render<CatalogEditPage>(context, new
        {
            Form = form,
            IsNew = entry is null,
            ParentName = parent is null ? null : PetitionCatalog.Name(parent, culture),
            Departments = departments,
            Petitions = petitions,
            Items = items,
            Errors = errors,
            Saved = saved,
        }, status);
    }

    private static CatalogEntryForm FormOf(PetitionCategory entry) => new()
    {
        Code = entry.Code,
        ParentCode = entry.ParentCode,
        Name = entry.Name,
        EnglishName = entry.EnglishName,
        Department = entry.Department,
        DeadlineAmount = entry.DeadlineAmount > 0 ? entry.DeadlineAmount.ToString(CultureInfo.InvariantCulture) : "",
        DeadlineUnit = entry.DeadlineUnit == DeadlineUnit.WorkingHours ? "h" : "d",
        OnTheSpot = entry.OnTheSpot,
        Active = entry.Active,
    };

    private static PetitionCatalogEditor.CategoryInput Input(CatalogEntryForm form, string code, string? parent)
    {
        var amount = form.DeadlineAmount?.Trim() ?? "";
        var deadline = amount.Length == 0 ? null : amount + (form.DeadlineUnit == "h" ? "h" : "d");
        return new PetitionCatalogEditor.CategoryInput(code.Trim(), parent, new BilingualText(form.Name ?? "", form.EnglishName ?? ""),
            string.IsNullOrWhiteSpace(form.Department) ? null : form.Department.Trim(), deadline, form.OnTheSpot, form.Active);
    }

    /// <summary>A suggestion for a new entry's code: the next two-digit number after its siblings' (01 → 07, 0112 → 0113).</summary>
    private static string NextCode(PetitionCatalog catalog, PetitionCategory? parent)
    {
        var prefix = parent?.Code ?? "";
        var siblings = parent is null ? catalog.Roots : catalog.ItemsOf(parent.Code);
        var numbers = siblings.Select(s => s.Code.Length == prefix.Length + 2 && int.TryParse(s.Code.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1).ToList();
        var next = numbers.Count == 0 ? 1 : numbers.Max() + 1;
        return next is > 0 and < 100 ? prefix + next.ToString("D2", CultureInfo.InvariantCulture) : prefix;
    }

    private static List<CatalogDepartmentView> Departments(PetitionCatalog catalog, PetitionCatalogUsage usage) =>
        [.. catalog.Departments.Select(d =>
        {
            var leads = catalog.Categories.Count(c => c.Department == d.Code);
            return new CatalogDepartmentView(d.Code, d.Name, d.EnglishName, d.Active, leads, leads > 0 || usage.NamesDepartment(d.Code));
        })];

    private static CatalogEntryView View(PetitionCategory c, PetitionCatalog catalog, int petitions, CultureInfo culture) => new(
        c.Code, c.ParentCode, c.Name, c.EnglishName, c.Department, c.Department is null ? "" : catalog.DepartmentName(c.Department, culture),
        c.DeadlineAmount, c.DeadlineUnit == DeadlineUnit.WorkingHours, c.OnTheSpot, c.Active, petitions);

    internal static Dictionary<string, string> Text(Dictionary<string, BilingualText> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.ToString(), StringComparer.Ordinal);
}
