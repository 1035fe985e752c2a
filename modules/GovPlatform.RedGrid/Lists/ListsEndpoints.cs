using System.Globalization;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Modules;
using GovPlatform.RedGrid.Models;
using GovPlatform.RedGrid.Security;
using GovPlatform.RedGrid.Services;
using GovPlatform.Security;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.RedGrid.Lists;

/// <summary>
/// Resident units and their resources (<c>admin/redgrid/units</c>), needs with matching and projects
/// (<c>admin/redgrid/needs</c>), and the public project results (<c>redgrid/projects</c>).
/// </summary>
internal static class ListsEndpoints
{
    private const int PageSize = 50;
    private static readonly Dictionary<string, string> NoErrors = [];

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var view = endpoints.MapGroup("/admin/redgrid").RequirePermission(RedGridPermissions.View);
        view.MapGetShared("/units", UnitsAsync);
        view.MapGetShared("/units/{id:long}", UnitAsync);
        view.MapGetShared("/needs", NeedsAsync);
        view.MapGetShared("/needs/{id:long}", NeedAsync);
        view.MapGetShared("/needs/projects", ProjectsAsync);
        var lists = endpoints.MapGroup("/admin/redgrid").RequirePermission(RedGridPermissions.Lists);
        lists.MapGetShared("/units/new", NewUnitAsync);
        lists.MapPostShared("/units/new", CreateUnitAsync);
        lists.MapPostShared("/units/{id:long}", SaveUnitAsync);
        lists.MapPostShared("/units/{id:long}/resources", AddResourceAsync);
        lists.MapPostShared("/units/{id:long}/resources/{resourceId:long}", SaveResourceAsync);
        lists.MapGetShared("/needs/new", NewNeedAsync);
        lists.MapPostShared("/needs/new", PublishAsync);
        lists.MapPostShared("/needs/{id:long}/withdraw", WithdrawAsync);
        lists.MapPostShared("/needs/{id:long}/match", MatchAsync);
        lists.MapPostShared("/needs/projects/{id:long}/{action}", ProjectActionAsync);
        endpoints.MapGetShared("/redgrid/projects", PublicAsync);
    }

    // ---- resident units ----

    private static async Task<IResult> UnitsAsync(
        string? kind, string? unit, int? page, string? done, HttpContext context, TenantDbContext db, IGridDirectory grid, IGridScopeFilter scope,
        IAuthorizationService authorization, CancellationToken ct)
    {
        // The grid first: its first load opens its own transaction.
        var units = await grid.GetUnitsInScopeAsync(context.User, ct);
        var query = await scope.ApplyAsync(db.Set<ResidentUnit>().AsNoTracking(), u => u.GridUnitCode, context.User, ct);
        ResidentUnitKind? kindFilter = Enum.TryParse<ResidentUnitKind>(kind, out var k) && Enum.IsDefined(k) && !int.TryParse(kind, out _) ? k : null;
        if (kindFilter is { } kf)
        {
            query = query.Where(u => u.Kind == kf);
        }

        var unitFilter = units.FirstOrDefault(u => u.Code == unit)?.Code;
        if (unitFilter is not null)
        {
            var codes = await grid.GetSubtreeCodesAsync(unitFilter, ct);
            query = query.Where(u => codes.Contains(u.GridUnitCode));
        }

        var total = await query.CountAsync(ct);
        var number = Math.Max(1, page ?? 1);
        var rows = await query.OrderBy(u => u.Code).Skip((number - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return ComponentPage.Render<UnitsPage>(context, new
        {
            Rows = rows,
            Units = units,
            Kind = kindFilter,
            Unit = unitFilter,
            Page = number,
            Pages = Math.Max(1, (total + PageSize - 1) / PageSize),
            Done = done,
            CanEdit = await authorization.HasPermissionAsync(context.User, RedGridPermissions.Lists),
        });
    }

    private static Task<IResult> NewUnitAsync(HttpContext context, IGridDirectory grid, TenantDbContext db, CancellationToken ct) =>
        UnitPageAsync(context, grid, db, null, new UnitForm { Kind = nameof(ResidentUnitKind.Agency), Active = true }, NoErrors, null, NoErrors, true, null, StatusCodes.Status200OK, ct);

    private static async Task<IResult> CreateUnitAsync([FromForm] UnitForm form, HttpContext context, ResidentUnitEditor editor, IGridDirectory grid, TenantDbContext db, CancellationToken ct)
    {
        await grid.GetLevelsAsync(ct);
        var result = await editor.CreateAsync(form.ToInput(), context.User, ct);
        return result.Outcome == ListsOutcome.Done
            ? Results.Redirect(context.TenantPath($"admin/redgrid/units/{result.Id}?done=created"))
            : await UnitPageAsync(context, grid, db, null, form, Text(result.Errors), null, NoErrors, true, null, StatusCodes.Status400BadRequest, ct);
    }

    private static async Task<IResult> UnitAsync(long id, string? done, HttpContext context, TenantDbContext db, IGridDirectory grid, IAuthorizationService authorization, CancellationToken ct)
    {
        await grid.GetLevelsAsync(ct);
        var unit = await db.Set<ResidentUnit>().AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null || !await authorization.HasPermissionAsync(context.User, RedGridPermissions.View, unit))
        {
            return Results.NotFound();
        }

        var canEdit = await authorization.HasPermissionAsync(context.User, RedGridPermissions.Lists, unit);
        return await UnitPageAsync(context, grid, db, unit, UnitForm.From(unit), NoErrors, null, NoErrors, canEdit, done, StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> SaveUnitAsync(long id, [FromForm] UnitForm form, HttpContext context, TenantDbContext db, ResidentUnitEditor editor, IGridDirectory grid, IAuthorizationService authorization, CancellationToken ct)
    {
        await grid.GetLevelsAsync(ct);
        var unit = await db.Set<ResidentUnit>().AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null || !await authorization.HasPermissionAsync(context.User, RedGridPermissions.Lists, unit))
        {
            return Results.NotFound();
        }

        var result = await editor.UpdateAsync(id, form.ToInput(), form.Version, context.User, ct);
        return result.Outcome switch
        {
            ListsOutcome.Done => Results.Redirect(context.TenantPath($"admin/redgrid/units/{id}?done=saved")),
            ListsOutcome.NotFound => Results.NotFound(),
            _ => await UnitPageAsync(context, grid, db, unit, form, Text(result.Errors), null, NoErrors, true, null,
                result.Outcome == ListsOutcome.Stale ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest, ct),
        };
    }

    private static Task<IResult> AddResourceAsync(long id, [FromForm] ResourceForm form, HttpContext context, TenantDbContext db, ResidentUnitEditor editor, IGridDirectory grid, IAuthorizationService authorization, CancellationToken ct) =>
        ResourceAsync(id, null, form, context, db, editor, grid, authorization, ct);

    private static Task<IResult> SaveResourceAsync(long id, long resourceId, [FromForm] ResourceForm form, HttpContext context, TenantDbContext db, ResidentUnitEditor editor, IGridDirectory grid, IAuthorizationService authorization, CancellationToken ct) =>
        ResourceAsync(id, resourceId, form, context, db, editor, grid, authorization, ct);

    private static async Task<IResult> ResourceAsync(long id, long? resourceId, ResourceForm form, HttpContext context, TenantDbContext db, ResidentUnitEditor editor, IGridDirectory grid, IAuthorizationService authorization, CancellationToken ct)
    {
        await grid.GetLevelsAsync(ct);
        var unit = await db.Set<ResidentUnit>().AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null || !await authorization.HasPermissionAsync(context.User, RedGridPermissions.Lists, unit))
        {
            return Results.NotFound();
        }

        var result = await editor.SaveResourceAsync(id, resourceId, form.ToInput(), resourceId is null ? null : form.Version, context.User, ct);
        return result.Outcome switch
        {
            ListsOutcome.Done => Results.Redirect(context.TenantPath($"admin/redgrid/units/{id}?done=resource")),
            ListsOutcome.NotFound => Results.NotFound(),
            // The resource's form keeps what was typed (and the version it was opened at) beside the message.
            _ => await UnitPageAsync(context, grid, db, unit, UnitForm.From(unit), NoErrors, form, Text(result.Errors), true, null,
                result.Outcome == ListsOutcome.Stale ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest, ct, resourceId ?? 0),
        };
    }

    private static async Task<IResult> UnitPageAsync(
        HttpContext context, IGridDirectory grid, TenantDbContext db, ResidentUnit? unit, UnitForm form, Dictionary<string, string> errors,
        ResourceForm? resourceForm, Dictionary<string, string> resourceErrors, bool canEdit, string? done, int status, CancellationToken ct, long resourceFormId = 0)
    {
        var units = await grid.GetUnitsInScopeAsync(context.User, ct);
        var resources = unit is null ? [] : await db.Set<UnitResource>().AsNoTracking().Where(r => r.ResidentUnitId == unit.Id).OrderBy(r => r.Id).ToListAsync(ct);

        // The location is optional: the map shows the point typed (or saved) and a click fills the two inputs, as the centres' editor does.
        (double, double)? point = double.TryParse(form.Longitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
            && double.TryParse(form.Latitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) ? (lon, lat) : null;
        var maps = context.RequestServices.GetRequiredService<IGridMaps>();
        var map = await maps.RenderPinsAsync(new PinMapRequest([], new BilingualText("点击地图设置单位位置（可不填）", "Click the map to set the unit's location (optional)").For(CultureInfo.CurrentUICulture),
            null, point, Pickable: canEdit), ct);
        // A pick here only fills the inputs: submitting the editor's form would save it.
        map = map.Replace(" data-submit=\"\"", "", StringComparison.Ordinal);
        return ComponentPage.Render<UnitPage>(context, new
        {
            Map = map,
            Unit = unit,
            Form = form,
            Units = units,
            Errors = errors,
            Resources = resources,
            ResourceForm = resourceForm ?? new ResourceForm { Type = nameof(ResourceType.Venue), Available = true },
            ResourceFormId = resourceFormId,
            ResourceErrors = resourceErrors,
            CanEdit = canEdit,
            Done = done,
        }, status);
    }

    // ---- needs, matching, projects ----

    private static async Task<IResult> NeedsAsync(
        string? status, string? type, string? unit, int? page, string? done, HttpContext context, TenantDbContext db, IGridDirectory grid, IGridScopeFilter scope,
        IAuthorizationService authorization, ITenant tenant, CancellationToken ct)
    {
        var units = await grid.GetUnitsInScopeAsync(context.User, ct);
        var query = await scope.ApplyAsync(db.Set<CommunityNeed>().AsNoTracking(), n => n.GridUnitCode, context.User, ct);
        NeedStatus? statusFilter = Enum.TryParse<NeedStatus>(status, out var s) && Enum.IsDefined(s) && !int.TryParse(status, out _) ? s : null;
        ResourceType? typeFilter = Enum.TryParse<ResourceType>(type, out var t) && Enum.IsDefined(t) && !int.TryParse(type, out _) ? t : null;
        if (statusFilter is { } sf)
        {
            query = query.Where(n => n.Status == sf);
        }

        if (typeFilter is { } tf)
        {
            query = query.Where(n => n.Type == tf);
        }

        var unitFilter = units.FirstOrDefault(u => u.Code == unit)?.Code;
        if (unitFilter is not null)
        {
            var codes = await grid.GetSubtreeCodesAsync(unitFilter, ct);
            query = query.Where(n => codes.Contains(n.GridUnitCode));
        }

        var total = await query.CountAsync(ct);
        var number = Math.Max(1, page ?? 1);
        var rows = await query.OrderByDescending(n => n.PublishedUtc).ThenByDescending(n => n.Id).Skip((number - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return ComponentPage.Render<NeedsPage>(context, new
        {
            Rows = rows,
            Units = units,
            Status = statusFilter,
            Type = typeFilter,
            Unit = unitFilter,
            Page = number,
            Pages = Math.Max(1, (total + PageSize - 1) / PageSize),
            Done = done,
            CanEdit = await authorization.HasPermissionAsync(context.User, RedGridPermissions.Lists),
            TimeZoneId = tenant.TimeZone,
        });
    }

    private static async Task<IResult> NewNeedAsync(HttpContext context, IGridDirectory grid, RedGridSettingsStore settings, CancellationToken ct) =>
        await NeedFormPageAsync(context, grid, settings, new NeedForm { Type = nameof(ResourceType.Venue) }, NoErrors, StatusCodes.Status200OK, ct);

    private static async Task<IResult> PublishAsync([FromForm] NeedForm form, HttpContext context, NeedBoard board, IGridDirectory grid, RedGridSettingsStore settings, CancellationToken ct)
    {
        await grid.GetLevelsAsync(ct);
        var result = await board.PublishAsync(form.ToInput(), context.User, ct);
        return result.Outcome == ListsOutcome.Done
            ? Results.Redirect(context.TenantPath($"admin/redgrid/needs/{result.Id}?done=published"))
            : await NeedFormPageAsync(context, grid, settings, form, Text(result.Errors), StatusCodes.Status400BadRequest, ct);
    }

    private static async Task<IResult> NeedFormPageAsync(HttpContext context, IGridDirectory grid, RedGridSettingsStore settings, NeedForm form, Dictionary<string, string> errors, int status, CancellationToken ct)
    {
        var depth = (await settings.GetAsync(ct)).CommunityDepth;
        var units = (await grid.GetUnitsInScopeAsync(context.User, ct)).Where(u => u.Depth >= depth).ToList();
        return ComponentPage.Render<NeedNewPage>(context, new { Form = form, Units = units, Errors = errors }, status);
    }

    private static async Task<IResult> NeedAsync(long id, string? done, HttpContext context, TenantDbContext db, IGridDirectory grid, ResourceMatcher matcher, IAuthorizationService authorization, CancellationToken ct) =>
        await NeedPageAsync(id, context, db, grid, matcher, authorization, new MatchForm(), NoErrors, 0, new ProjectForm(), NoErrors, done, StatusCodes.Status200OK, ct);

    private static async Task<IResult> NeedPageAsync(
        long id, HttpContext context, TenantDbContext db, IGridDirectory grid, ResourceMatcher matcher, IAuthorizationService authorization,
        MatchForm match, Dictionary<string, string> matchErrors, long projectFormId, ProjectForm projectForm, Dictionary<string, string> projectErrors, string? done, int status, CancellationToken ct)
    {
        await grid.GetLevelsAsync(ct);
        var need = await db.Set<CommunityNeed>().AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, ct);
        if (need is null || !await authorization.HasPermissionAsync(context.User, RedGridPermissions.View, need))
        {
            return Results.NotFound();
        }

        var canEdit = await authorization.HasPermissionAsync(context.User, RedGridPermissions.Lists, need);
        var suggestions = need.Status == NeedStatus.Open ? await matcher.SuggestAsync(id, 20, ct) ?? [] : [];
        var projects = await (
            from p in db.Set<Project>().AsNoTracking()
            join r in db.Set<UnitResource>().AsNoTracking() on p.ResourceId equals r.Id
            join u in db.Set<ResidentUnit>().AsNoTracking() on r.ResidentUnitId equals u.Id
            where p.NeedId == id
            orderby p.Id descending
            select new NeedProjectRow(p, r.Title, u.Name)).ToListAsync(ct);
        var unit = await grid.FindAsync(need.GridUnitCode, ct);
        return ComponentPage.Render<NeedPage>(context, new
        {
            Need = need,
            UnitName = unit?.DisplayName(CultureInfo.CurrentUICulture) ?? need.GridUnitCode,
            Suggestions = suggestions,
            Projects = projects,
            Match = match,
            MatchErrors = matchErrors,
            ProjectFormId = projectFormId,
            ProjectForm = projectForm,
            ProjectErrors = projectErrors,
            CanEdit = canEdit,
            Done = done,
        }, status);
    }

    private static async Task<IResult> WithdrawAsync(long id, [FromForm] int version, HttpContext context, TenantDbContext db, NeedBoard board, IGridDirectory grid, ResourceMatcher matcher, IAuthorizationService authorization, CancellationToken ct)
    {
        if (await NeedForEditAsync(id, context, db, grid, authorization, ct) is null)
        {
            return Results.NotFound();
        }

        var result = await board.WithdrawAsync(id, version, context.User, ct);
        return result.Outcome == ListsOutcome.Done
            ? Results.Redirect(context.TenantPath($"admin/redgrid/needs/{id}?done=withdrawn"))
            : await NeedPageAsync(id, context, db, grid, matcher, authorization, new MatchForm(), Text(result.Errors), 0, new ProjectForm(), NoErrors, null, StatusCodes.Status409Conflict, ct);
    }

    private static async Task<IResult> MatchAsync(long id, [FromForm] MatchForm form, HttpContext context, TenantDbContext db, ResourceMatcher matcher, IGridDirectory grid, IAuthorizationService authorization, CancellationToken ct)
    {
        if (await NeedForEditAsync(id, context, db, grid, authorization, ct) is null)
        {
            return Results.NotFound();
        }

        var result = await matcher.MatchAsync(id, form.ToInput(), context.User, ct);
        return result.Outcome switch
        {
            ListsOutcome.Done => Results.Redirect(context.TenantPath($"admin/redgrid/needs/{id}?done=matched")),
            ListsOutcome.NotFound => Results.NotFound(),
            _ => await NeedPageAsync(id, context, db, grid, matcher, authorization, form, Text(result.Errors), 0, new ProjectForm(), NoErrors, null,
                result.Outcome == ListsOutcome.Stale ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest, ct),
        };
    }

    private static async Task<IResult> ProjectActionAsync(long id, string action, [FromForm] ProjectForm form, HttpContext context, TenantDbContext db, ProjectBoard board, ResourceMatcher matcher, IGridDirectory grid, IAuthorizationService authorization, CancellationToken ct)
    {
        await grid.GetLevelsAsync(ct);
        var project = await db.Set<Project>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (project is null || !await authorization.HasPermissionAsync(context.User, RedGridPermissions.Lists, project))
        {
            return Results.NotFound();
        }

        var result = action switch
        {
            "start" => await board.StartAsync(id, form.Version, context.User, ct),
            "complete" => await board.CompleteAsync(id, form.Version, form.Outcome, form.Beneficiaries, form.CompletedOn, context.User, ct),
            "cancel" => await board.CancelAsync(id, form.Version, context.User, ct),
            "public" => await board.SetPublicAsync(id, form.Version, form.Shown, context.User, ct),
            _ => null,
        };
        if (result is null)
        {
            return Results.NotFound();
        }

        return result.Outcome == ListsOutcome.Done
            ? Results.Redirect(context.TenantPath($"admin/redgrid/needs/{project.NeedId}?done=project"))
            : await NeedPageAsync(project.NeedId, context, db, grid, matcher, authorization, new MatchForm(), NoErrors, id, form, Text(result.Errors), null,
                result.Outcome == ListsOutcome.Stale ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest, ct);
    }

    private static async Task<CommunityNeed?> NeedForEditAsync(long id, HttpContext context, TenantDbContext db, IGridDirectory grid, IAuthorizationService authorization, CancellationToken ct)
    {
        await grid.GetLevelsAsync(ct);
        var need = await db.Set<CommunityNeed>().AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, ct);
        return need is not null && await authorization.HasPermissionAsync(context.User, RedGridPermissions.Lists, need) ? need : null;
    }

    private static async Task<IResult> ProjectsAsync(string? status, int? page, HttpContext context, TenantDbContext db, IGridDirectory grid, IGridScopeFilter scope, CancellationToken ct)
    {
        await grid.GetLevelsAsync(ct);
        var query = await scope.ApplyAsync(db.Set<Project>().AsNoTracking(), p => p.GridUnitCode, context.User, ct);
        ProjectStatus? statusFilter = Enum.TryParse<ProjectStatus>(status, out var s) && Enum.IsDefined(s) && !int.TryParse(status, out _) ? s : null;
        if (statusFilter is { } sf)
        {
            query = query.Where(p => p.Status == sf);
        }

        var total = await query.CountAsync(ct);
        var number = Math.Max(1, page ?? 1);
        var rows = await query.OrderByDescending(p => p.Id).Skip((number - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return ComponentPage.Render<ProjectsPage>(context, new { Rows = rows, Status = statusFilter, Page = number, Pages = Math.Max(1, (total + PageSize - 1) / PageSize) });
    }

    // ---- public ----

    private static async Task<IResult> PublicAsync(string? street, int? page, HttpContext context, ProjectBoard board, IGridDirectory grid, RedGridSettingsStore settings, CancellationToken ct)
    {
        var depth = (await settings.GetAsync(ct)).CommunityDepth;
        var streets = new List<GridUnitInfo>();
        foreach (var top in await grid.GetChildrenAsync(null, ct))
        {
            streets.AddRange((await grid.GetSubtreeAsync(top.Code, ct)).Where(u => u.Depth == depth - 1 && u.Kind == GridUnitKind.Territorial));
        }

        var streetFilter = streets.FirstOrDefault(u => u.Code == street)?.Code;
        var number = Math.Max(1, page ?? 1);
        var (rows, total) = await board.PublicAsync(streetFilter, number, PageSize, ct);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var code in rows.Select(r => r.GridUnitCode).Distinct(StringComparer.Ordinal))
        {
            names[code] = (await grid.FindAsync(code, ct))?.DisplayName(CultureInfo.CurrentUICulture) ?? code;
        }

        return ComponentPage.Render<PublicProjectsPage>(context, new
        {
            Rows = rows,
            Names = names,
            Streets = streets,
            Street = streetFilter,
            Page = number,
            Pages = Math.Max(1, (total + PageSize - 1) / PageSize),
        });
    }

    private static Dictionary<string, string> Text(IReadOnlyDictionary<string, BilingualText> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.For(CultureInfo.CurrentUICulture), StringComparer.Ordinal);
}

/// <summary>A project on its need's page, with the resource and the resident unit it came from.</summary>
public sealed record NeedProjectRow(Project Project, string Resource, string ResidentUnit);
