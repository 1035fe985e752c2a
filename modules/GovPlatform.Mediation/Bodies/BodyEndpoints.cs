using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Mediation.Models;
using GovPlatform.Mediation.Security;
using GovPlatform.Mediation.Services;
using GovPlatform.Modules;
using GovPlatform.Security;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Mediation.Bodies;

/// <summary>
/// The bodies and mediators (<c>admin/mediation/bodies</c>) and the mediation rules (<c>admin/mediation/settings</c>).
/// Reading a body needs <see cref="MediationPermissions.View"/> and lists only the bodies in the reader's grid scope;
/// every change, and the rules, need <see cref="MediationPermissions.Manage"/>.
/// </summary>
internal static class BodyEndpoints
{
    private const string BodiesPath = "admin/mediation/bodies";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var view = endpoints.MapGroup("/admin/mediation").RequirePermission(MediationPermissions.View);
        view.MapGetShared("/bodies", ListAsync);
        view.MapGetShared("/bodies/{id:long}", BodyAsync);

        var manage = endpoints.MapGroup("/admin/mediation").RequirePermission(MediationPermissions.Manage);
        manage.MapGetShared("/bodies/new", NewAsync);
        manage.MapPostShared("/bodies/new", CreateAsync);
        manage.MapPostShared("/bodies/{id:long}", UpdateAsync);
        manage.MapPostShared("/bodies/{id:long}/mediators", SaveMediatorAsync);
        manage.MapPostShared("/bodies/{id:long}/mediators/{mediatorId:long}/active", SetMediatorActiveAsync);
        manage.MapPostShared("/bodies/{id:long}/remove", RemoveAsync);
        manage.MapGetShared("/settings", SettingsAsync);
        manage.MapPostShared("/settings", SaveSettingsAsync);
    }

    private static async Task<IResult> ListAsync(
        string? kind, string? done, HttpContext context, TenantDbContext db, IGridDirectory grid, IGridScopeFilter scope, IAuthorizationService authorization, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentUICulture;
        // The grid first: its first load opens its own transaction.
        await grid.GetLevelsAsync(ct);
        var query = await scope.ApplyAsync(db.Set<MediationBody>().AsNoTracking(), b => b.GridUnitCode, context.User, ct);
        MediationBodyKind? filter = Enum.TryParse<MediationBodyKind>(kind, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
        if (filter is { } k)
        {
            query = query.Where(b => b.Kind == k);
        }

        var bodies = await query.OrderBy(b => b.GridUnitCode).ThenBy(b => b.Kind).ThenBy(b => b.Code).ToListAsync(ct);
        var ids = bodies.Select(b => b.Id).ToList();
        var mediators = await db.Set<Mediator>().Where(m => ids.Contains(m.BodyId) && m.Active)
            .GroupBy(m => m.BodyId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var open = await db.Set<Dispute>()
            .Where(d => d.BodyId != null && ids.Contains(d.BodyId.Value) && (d.Status == DisputeStatus.Registered || d.Status == DisputeStatus.Mediating))
            .GroupBy(d => d.BodyId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var rows = new List<BodyRow>();
        foreach (var body in bodies)
        {
            rows.Add(new BodyRow(body.Id, body.Code, Name(body, culture), body.Kind, await UnitAsync(grid, body.GridUnitCode, culture, ct),
                mediators.GetValueOrDefault(body.Id), open.GetValueOrDefault(body.Id), body.Active));
        }

        return ComponentPage.Render<BodiesPage>(context, new
        {
            Rows = rows,
            Kind = filter,
            Done = done,
            CanManage = await authorization.HasPermissionAsync(context.User, MediationPermissions.Manage),
        });
    }

    private static async Task<IResult> BodyAsync(
        long id, long? mediator, string? done, HttpContext context, TenantDbContext db, IGridDirectory grid, IGridScopeFilter scope,
        IAuthorizationService authorization, CancellationToken ct)
    {
        await grid.GetLevelsAsync(ct);
        var body = await db.Set<MediationBody>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct);
        if (body is null || (await scope.GetScopeCodesAsync(context.User, ct) is { } codes && !codes.Contains(body.GridUnitCode)))
        {
            return Results.NotFound();
        }

        var mediators = await MediatorsAsync(db, id, ct);
        var editing = mediator is { } m ? mediators.FirstOrDefault(x => x.Id == m) : null;
        var mediatorForm = editing is null ? new MediatorForm { Stamp = body.UpdatedUtc.Ticks } : MediatorForm.From(editing, body.UpdatedUtc.Ticks);
        return await BodyPageAsync(context, db, grid, body, BodyForm.From(body), mediatorForm, mediators, NoErrors, NoErrors, done,
            await authorization.HasPermissionAsync(context.User, MediationPermissions.Manage), StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> NewAsync(HttpContext context, TenantDbContext db, IGridDirectory grid, CancellationToken ct) =>
        await BodyPageAsync(context, db, grid, null, new BodyForm { Active = true, Kind = nameof(MediationBodyKind.Committee), Capacity = "0" }, new MediatorForm(), [], NoErrors, NoErrors, null, true, StatusCodes.Status200OK, ct);

    private static async Task<IResult> CreateAsync([FromForm] BodyForm form, HttpContext context, TenantDbContext db, IGridDirectory grid, MediationBodyEditor editor, CancellationToken ct)
    {
        var result = await editor.CreateAsync(form.ToInput(), [], ct);
        if (result.Succeeded)
        {
            return Results.Redirect(context.TenantPath($"{BodiesPath}/{result.Body!.Id}?done=created"));
        }

        return await BodyPageAsync(context, db, grid, null, form, new MediatorForm(), [], Text(result.Errors), NoErrors, null, true, StatusCodes.Status400BadRequest, ct);
    }

    private static async Task<IResult> UpdateAsync(long id, [FromForm] BodyForm form, HttpContext context, TenantDbContext db, IGridDirectory grid, MediationBodyEditor editor, CancellationToken ct)
    {
        var result = await editor.UpdateAsync(id, form.ToInput(), form.Stamp, ct);
        if (result is null)
        {
            return Results.NotFound();
        }

        if (result.Succeeded)
        {
            return Results.Redirect(context.TenantPath($"{BodiesPath}/{id}?done=saved"));
        }

        var body = await db.Set<MediationBody>().AsNoTracking().FirstAsync(b => b.Id == id, ct);
        return await BodyPageAsync(context, db, grid, body, form, new MediatorForm { Stamp = body.UpdatedUtc.Ticks }, await MediatorsAsync(db, id, ct),
            Text(result.Errors), NoErrors, null, true, StatusCodes.Status400BadRequest, ct);
    }

    private static async Task<IResult> SaveMediatorAsync(long id, [FromForm] MediatorForm form, HttpContext context, TenantDbContext db, IGridDirectory grid, MediationBodyEditor editor, CancellationToken ct)
    {
        var active = form.MediatorId is not { } existing || await db.Set<Mediator>().Where(m => m.Id == existing).Select(m => m.Active).FirstOrDefaultAsync(ct);
        var result = await editor.SaveMediatorAsync(id, form.MediatorId, form.ToInput(active), form.Stamp, ct);
        if (result is null)
        {
            return Results.NotFound();
        }

        if (result.Succeeded)
        {
            return Results.Redirect(context.TenantPath($"{BodiesPath}/{id}?done=mediator#mediators"));
        }

        var body = await db.Set<MediationBody>().AsNoTracking().FirstAsync(b => b.Id == id, ct);
        return await BodyPageAsync(context, db, grid, body, BodyForm.From(body), form, await MediatorsAsync(db, id, ct),
            NoErrors, Text(result.Errors), null, true, StatusCodes.Status400BadRequest, ct);
    }

    private static async Task<IResult> SetMediatorActiveAsync(long id, long mediatorId, [FromForm] MediatorActiveForm form, HttpContext context, MediationBodyEditor editor, CancellationToken ct) =>
        await editor.SetMediatorActiveAsync(id, mediatorId, form.Active, ct)
            ? Results.Redirect(context.TenantPath($"{BodiesPath}/{id}?done={(form.Active ? "activated" : "deactivated")}#mediators"))
            : Results.NotFound();

    private static async Task<IResult> RemoveAsync(long id, [FromForm] MediatorActiveForm confirm, HttpContext context, MediationBodyEditor editor, CancellationToken ct) =>
        await editor.RemoveAsync(id, ct) switch
        {
            BodyRemoval.Deleted => Results.Redirect(context.TenantPath($"{BodiesPath}?done=deleted")),
            BodyRemoval.Deactivated => Results.Redirect(context.TenantPath($"{BodiesPath}/{id}?done=body-deactivated")),
            _ => Results.NotFound(),
        };

    private static async Task<IResult> SettingsAsync(bool? saved, HttpContext context, MediationSettingsStore store, IGridDirectory grid, CancellationToken ct)
    {
        var settings = await store.GetAsync(ct);
        var form = new MediationSettingsForm
        {
            ReportingDepth = Number(settings.ReportingDepth),
            AutoCampaigns = settings.AutoCampaigns,
            HolidayCampaignDays = Number(settings.HolidayCampaignDays),
            ReminderHours = Number(settings.ReminderHours),
            FollowUpDays = Number(settings.FollowUpDays),
            FileInPetitionsHall = settings.FileInPetitionsHall,
            DefaultPetitionCategory = settings.DefaultPetitionCategory,
            SensitiveDates = MediationSettingsForm.Lines(settings.SensitiveDates),
        };
        return await SettingsPageAsync(context, grid, form, settings.PetitionCategories, NoErrors, saved == true, StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> SaveSettingsAsync(
        [FromForm] MediationSettingsForm form, HttpContext context, TenantDbContext db, MediationSettingsStore store, IGridDirectory grid, IAuditLog audit, CancellationToken ct)
    {
        var current = await store.GetAsync(ct);
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        // A copy of what is stored, so that rules this page does not show are kept as they are.
        var settings = JsonSerializer.Deserialize<MediationSettings>(JsonSerializer.Serialize(current, Json), Json)!;
        settings.ReportingDepth = Integer(form.ReportingDepth, "reportingDepth", errors) ?? settings.ReportingDepth;
        settings.AutoCampaigns = form.AutoCampaigns;
        settings.HolidayCampaignDays = Integer(form.HolidayCampaignDays, "holidayCampaignDays", errors) ?? settings.HolidayCampaignDays;
        settings.ReminderHours = Integer(form.ReminderHours, "reminderHours", errors) ?? settings.ReminderHours;
        settings.FollowUpDays = Integer(form.FollowUpDays, "followUpDays", errors) ?? settings.FollowUpDays;
        settings.FileInPetitionsHall = form.FileInPetitionsHall;
        settings.DefaultPetitionCategory = string.IsNullOrWhiteSpace(form.DefaultPetitionCategory) ? null : form.DefaultPetitionCategory.Trim();
        var (sensitive, badLine) = MediationSettingsForm.Parse(form.SensitiveDates);
        settings.SensitiveDates = sensitive;
        if (badLine is { } line)
        {
            errors["sensitiveDates"] = new($"第 {line} 行应写成“2027-03-05 全国两会”。", $"Line {line} should read like '2027-03-05 National People's Congress'.");
        }

        var categories = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var type in Enum.GetValues<DisputeType>())
        {
            if (context.Request.Form[$"Category.{type}"].ToString().Trim() is { Length: > 0 } code)
            {
                categories[type.ToString()] = code;
            }
        }

        settings.PetitionCategories = categories;
        foreach (var (field, message) in MediationRules.Validate(settings))
        {
            errors.TryAdd(field, message);
        }

        var levels = await grid.GetLevelsAsync(ct);
        if (!errors.ContainsKey("reportingDepth") && !levels.Any(l => l.Depth == settings.ReportingDepth))
        {
            errors["reportingDepth"] = new("请选择本区网格的一个层级。", "Choose one of the district's grid levels.");
        }

        if (errors.Count > 0)
        {
            return await SettingsPageAsync(context, grid, form, categories, Text(errors), false, StatusCodes.Status400BadRequest, ct);
        }

        var before = JsonSerializer.SerializeToNode(current, Json)!.AsObject();
        var after = JsonSerializer.SerializeToNode(settings, Json)!.AsObject();
        var changed = after.Where(p => !JsonNode.DeepEquals(p.Value, before[p.Key])).Select(p => p.Key).ToList();
        if (changed.Count > 0)
        {
            await db.InTransactionAsync(async token =>
            {
                await store.SaveAsync(settings, token);
                await audit.RecordAsync(new AuditEvent(MediationBodyEditor.AuditCategory, "update-settings", MediationSettingsStore.Id,
                    $"Mediation rules saved: {string.Join(", ", changed)}", before, after), token);
                return true;
            }, ct);
        }

        return Results.Redirect(context.TenantPath("admin/mediation/settings?saved=true"));
    }

    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    private static async Task<IResult> SettingsPageAsync(
        HttpContext context, IGridDirectory grid, MediationSettingsForm form, IReadOnlyDictionary<string, string> categories,
        IReadOnlyDictionary<string, string> errors, bool saved, int status, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentUICulture;
        var levels = (await grid.GetLevelsAsync(ct)).Select(l => new BodyOption(Number(l.Depth), $"{l.Depth}. {l.Name.For(culture)}")).ToList();
        if (!string.IsNullOrEmpty(form.ReportingDepth) && !levels.Any(l => l.Value == form.ReportingDepth))
        {
            levels.Add(new BodyOption(form.ReportingDepth, new BilingualText($"{form.ReportingDepth}（没有这一层级）", $"{form.ReportingDepth} (no such level)").For(culture)));
        }

        return ComponentPage.Render<MediationSettingsPage>(context, new
        {
            Form = form,
            Levels = levels,
            Categories = categories,
            Errors = errors,
            Saved = saved,
        }, status);
    }

    private static async Task<IResult> BodyPageAsync(
        HttpContext context, TenantDbContext db, IGridDirectory grid, MediationBody? body, BodyForm form, MediatorForm mediatorForm, IReadOnlyList<Mediator> mediators,
        IReadOnlyDictionary<string, string> errors, IReadOnlyDictionary<string, string> mediatorErrors, string? done, bool canManage, int status, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentUICulture;
        var units = new List<BodyOption>();
        foreach (var top in await grid.GetChildrenAsync(null, ct))
        {
            foreach (var unit in await grid.GetSubtreeAsync(top.Code, ct))
            {
                if (unit.Depth <= 3)
                {
                    units.Add(new BodyOption(unit.Code, $"{new string('　', unit.Depth - 1)}{unit.DisplayName(culture)} ({unit.Code})"));
                }
            }
        }

        if (!string.IsNullOrEmpty(form.GridUnitCode) && !units.Any(u => u.Value == form.GridUnitCode))
        {
            units.Insert(0, new BodyOption(form.GridUnitCode, await UnitAsync(grid, form.GridUnitCode, culture, ct)));
        }

        var named = body is not null && await db.Set<Dispute>().AnyAsync(d => d.BodyId == body.Id, ct);
        return ComponentPage.Render<BodyEditPage>(context, new
        {
            Body = body,
            Form = form,
            MediatorForm = mediatorForm,
            Mediators = mediators,
            Units = units,
            Errors = errors,
            MediatorErrors = mediatorErrors,
            Done = done,
            CanManage = canManage,
            HasDisputes = named,
        }, status);
    }

    private static Task<List<Mediator>> MediatorsAsync(TenantDbContext db, long bodyId, CancellationToken ct) =>
        db.Set<Mediator>().AsNoTracking().Where(m => m.BodyId == bodyId).OrderByDescending(m => m.Active).ThenBy(m => m.Id).ToListAsync(ct);

    private static string Name(MediationBody body, CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "en" && body.EnglishName.Length > 0 ? body.EnglishName : body.Name;

    private static async Task<string> UnitAsync(IGridDirectory grid, string code, CultureInfo culture, CancellationToken ct) =>
        await grid.FindAsync(code, ct) is { } unit ? $"{unit.DisplayName(culture)} ({unit.Code})"
            : new BilingualText($"{code}（网格中没有这个单位）", $"{code} (no such grid unit)").For(culture);

    private static int? Integer(string? text, string field, Dictionary<string, BilingualText> errors)
    {
        if (int.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors[field] = new("请填写整数。", "Enter a whole number.");
        return null;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Text(IReadOnlyDictionary<string, BilingualText> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.ToString(), StringComparer.Ordinal);
}

/// <summary>The mediator table's activate/deactivate button, and the remove button's confirmation (which binds the antiforgery check).</summary>
public sealed class MediatorActiveForm
{
    public bool Active { get; set; }
}
