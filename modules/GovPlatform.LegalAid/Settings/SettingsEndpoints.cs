using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.LegalAid.Models;
using GovPlatform.LegalAid.Security;
using GovPlatform.LegalAid.Services;
using GovPlatform.Localization;
using GovPlatform.Modules;
using GovPlatform.Petitions;
using GovPlatform.Security;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.LegalAid.Settings;

/// <summary>
/// The legal service rules (<c>admin/legal/settings</c>, Manage): every <see cref="LegalAidSettings"/> field, saved in
/// one transaction with an audit entry. The reception category is chosen from the petitions hall's duty list when the
/// hall is on (resolved optionally), else typed.
/// </summary>
internal static class SettingsEndpoints
{
    private const string Path = "admin/legal/settings";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly Dictionary<string, string> NoErrors = [];

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var manage = endpoints.MapGroup("/admin/legal").RequirePermission(LegalAidPermissions.Manage);
        manage.MapGetShared("/settings", ShowAsync);
        manage.MapPostShared("/settings", SaveAsync);
    }

    private static async Task<IResult> ShowAsync(string? done, HttpContext context, IGridDirectory grid, LegalAidSettingsStore store, CancellationToken ct)
    {
        await grid.GetLevelsAsync(ct);
        return await PageAsync(context, grid, SettingsForm.From(await store.GetAsync(ct)), NoErrors, done == "saved", StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> SaveAsync(
        [FromForm] SettingsForm form, HttpContext context, TenantDbContext db, IGridDirectory grid, LegalAidSettingsStore store, IAuditLog audit, CancellationToken ct)
    {
        // The grid and the duty list first: neither may be read inside the transaction below.
        var levels = await grid.GetLevelsAsync(ct);
        var categories = await CategoriesAsync(context, ct);
        var current = await store.GetAsync(ct);
        var (settings, errors) = form.Parse();
        foreach (var (field, message) in LegalAidSettingsStore.Validate(settings))
        {
            errors.TryAdd(field == "incomeLimitFen" ? "incomeLimit" : field, message);
        }

        if (!errors.ContainsKey("communityDepth") && !levels.Any(l => l.Depth == settings.CommunityDepth))
        {
            errors["communityDepth"] = new("请选择本区网格的一个层级。", "Choose one of the district's grid levels.");
        }

        if (categories is not null && settings.ReceptionPetitionCategory is { } code && !categories.Any(c => c.Code == code) && !errors.ContainsKey("receptionPetitionCategory"))
        {
            errors["receptionPetitionCategory"] = new($"诉求大厅的职责清单中没有可选的事项“{code}”。", $"The petitions hall's duty list has no selectable item '{code}'.");
        }

        if (errors.Count > 0)
        {
            return await PageAsync(context, grid, form, errors.ToDictionary(e => e.Key, e => e.Value.For(CultureInfo.CurrentUICulture), StringComparer.Ordinal), false, StatusCodes.Status400BadRequest, ct);
        }

        var before = JsonSerializer.SerializeToNode(current, Json)!.AsObject();
        var after = JsonSerializer.SerializeToNode(settings, Json)!.AsObject();
        var changed = after.Where(p => !JsonNode.DeepEquals(p.Value, before[p.Key])).Select(p => p.Key).ToList();
        if (changed.Count > 0)
        {
            await db.InTransactionAsync(async token =>
            {
                await store.SaveAsync(settings, token);
                await audit.RecordAsync(new AuditEvent(BookingService.AuditCategory, "settings-save", LegalAidSettingsStore.Id,
                    $"Legal service rules saved: {string.Join(", ", changed)} by {context.User.Identity?.Name}", before, after), token);
                return true;
            }, ct);
        }

        return Results.Redirect(context.TenantPath($"{Path}?done=saved"));
    }

    private static async Task<IReadOnlyList<PetitionCategoryInfo>?> CategoriesAsync(HttpContext context, CancellationToken ct) =>
        context.RequestServices.GetService<IPetitionCategories>() is { } categories ? await categories.GetSelectableAsync(ct) : null;

    private static async Task<IResult> PageAsync(HttpContext context, IGridDirectory grid, SettingsForm form, Dictionary<string, string> errors, bool saved, int status, CancellationToken ct)
    {
        var levels = await grid.GetLevelsAsync(ct);
        var categories = await CategoriesAsync(context, ct);
        return ComponentPage.Render<LegalAidSettingsPage>(context, new { Form = form, Levels = levels, Categories = categories, Errors = errors, Saved = saved }, status);
    }
}
