using System.Globalization;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Modules;
using GovPlatform.RedGrid.Models;
using GovPlatform.RedGrid.Security;
using GovPlatform.Security;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.RedGrid.Centres;

/// <summary>
/// <c>admin/redgrid/centres</c> (the centres in the reader's scope, View; new and edit with activities, Centres over the
/// centre's unit) and the public <c>redgrid/centres</c> (by level, with a map) and <c>redgrid/centres/{code}</c>
/// (services and coming published activities).
/// </summary>
internal static class CentreEndpoints
{
    private const string AdminPath = "admin/redgrid/centres";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/admin/redgrid").RequirePermission(RedGridPermissions.View).MapGetShared("/centres", ListAsync);
        var manage = endpoints.MapGroup("/admin/redgrid").RequirePermission(RedGridPermissions.Centres);
        manage.MapGetShared("/centres/new", NewAsync);
        manage.MapPostShared("/centres/new", CreateAsync);
        manage.MapGetShared("/centres/{id:long}", EditAsync);
        manage.MapPostShared("/centres/{id:long}", SaveAsync);
        manage.MapPostShared("/centres/{id:long}/activities", AddActivityAsync);
        endpoints.MapGetShared("/redgrid/centres", PublicListAsync);
        endpoints.MapGetShared("/redgrid/centres/{code}", PublicCentreAsync);
    }

    private static async Task<IResult> ListAsync(string? done, HttpContext context, TenantDbContext db, IGridDirectory grid, IGridScopeFilter scope, IAuthorizationService authorization, ITenant tenant, CancellationToken ct)
    {
        var units = await grid.GetUnitsInScopeAsync(context.User, ct);
        var query = await scope.ApplyAsync(db.Set<ServiceCentre>().AsNoTracking(), c => c.GridUnitCode, context.User, ct);
        var centres = await query.OrderBy(c => c.Level).ThenBy(c => c.Code).Take(500).ToListAsync(ct);
        return ComponentPage.Render<CentresPage>(context, new
        {
            Centres = centres,
            Units = units,
            Done = done,
            CanManage = await authorization.HasPermissionAsync(context.User, RedGridPermissions.Centres),
            TimeZoneId = tenant.TimeZone,
        });
    }

    private static Task<IResult> NewAsync(HttpContext context, TenantDbContext db, IGridDirectory grid, IGridMaps maps, ITenant tenant, CancellationToken ct) =>
        PageAsync(context, db, grid, maps, tenant, null, new CentreForm { Level = nameof(CentreLevel.Community), Active = true }, [], new ActivityForm(), [], StatusCodes.Status200OK, ct);

    private static async Task<IResult> CreateAsync([FromForm] CentreForm form, HttpContext context, TenantDbContext db, CentreEditor editor, IGridDirectory grid, IGridMaps maps, ITenant tenant, CancellationToken ct)
    {
        var errors = await ScopeErrorsAsync(context, grid, form.GridUnit, ct);
        if (errors.Count == 0)
        {
            var (outcome, centre, saveErrors) = await editor.SaveAsync(null, form, 0, context.User, ct);
            if (outcome == CentreOutcome.Done)
            {
                return Results.Redirect(context.TenantPath($"{AdminPath}/{centre!.Id}?done=created"));
            }

            errors = Text(saveErrors);
        }

        return await PageAsync(context, db, grid, maps, tenant, null, form, errors, new ActivityForm(), [], StatusCodes.Status400BadRequest, ct);
    }

    private static async Task<IResult> EditAsync(long id, string? done, HttpContext context, TenantDbContext db, IGridDirectory grid, IGridMaps maps, IAuthorizationService authorization, ITenant tenant, CancellationToken ct)
    {
        var centre = await LoadAsync(id, db, grid, ct);
        if (centre is null)
        {
            return Results.NotFound();
        }

        if (!await authorization.HasPermissionAsync(context.User, RedGridPermissions.Centres, centre))
        {
            return Results.Forbid();
        }

        var form = new CentreForm
        {
            Code = centre.Code,
            Level = centre.Level.ToString(),
            Name = centre.Name,
            GridUnit = centre.GridUnitCode,
            Address = centre.Address,
            Longitude = centre.Longitude?.ToString("0.######", CultureInfo.InvariantCulture),
            Latitude = centre.Latitude?.ToString("0.######", CultureInfo.InvariantCulture),
            Hours = centre.Hours,
            Phone = centre.Phone,
            Services = centre.Services,
            Description = centre.Description,
            Active = centre.Active,
            Version = centre.Version,
        };
        return await PageAsync(context, db, grid, maps, tenant, centre, form, [], new ActivityForm(), [], StatusCodes.Status200OK, ct, done);
    }

    private static async Task<IResult> SaveAsync(long id, [FromForm] CentreForm form, HttpContext context, TenantDbContext db, CentreEditor editor, IGridDirectory grid, IGridMaps maps, IAuthorizationService authorization, ITenant tenant, CancellationToken ct)
    {
        var centre = await LoadAsync(id, db, grid, ct);
        if (centre is null)
        {
            return Results.NotFound();
        }

        if (!await authorization.HasPermissionAsync(context.User, RedGridPermissions.Centres, centre))
        {
            return Results.Forbid();
        }

        var errors = await ScopeErrorsAsync(context, grid, form.GridUnit, ct);
        var status = StatusCodes.Status400BadRequest;
        if (errors.Count == 0)
        {
            var (outcome, _, saveErrors) = await editor.SaveAsync(id, form, form.Version, context.User, ct);
            if (outcome == CentreOutcome.Done)
            {
                return Results.Redirect(context.TenantPath($"{AdminPath}/{id}?done=saved"));
            }

            status = outcome == CentreOutcome.Stale ? StatusCodes.Status409Conflict : status;
            errors = Text(saveErrors);
        }

        return await PageAsync(context, db, grid, maps, tenant, centre, form, errors, new ActivityForm(), [], status, ct);
    }

    private static async Task<IResult> AddActivityAsync(long id, [FromForm] ActivityForm activity, HttpContext context, TenantDbContext db, CentreEditor editor, IGridDirectory grid, IGridMaps maps, IAuthorizationService authorization, ITenant tenant, CancellationToken ct)
    {
        var centre = await LoadAsync(id, db, grid, ct);
        if (centre is null)
        {
            return Results.NotFound();
        }

        if (!await authorization.HasPermissionAsync(context.User, RedGridPermissions.Centres, centre))
        {
            return Results.Forbid();
        }

        var errors = await editor.AddActivityAsync(centre, activity, TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone), context.User, ct);
        if (errors.Count == 0)
        {
            return Results.Redirect(context.TenantPath($"{AdminPath}/{id}?done=activity"));
        }

        var form = new CentreForm { Code = centre.Code, Level = centre.Level.ToString(), Name = centre.Name, GridUnit = centre.GridUnitCode, Address = centre.Address, Hours = centre.Hours, Phone = centre.Phone, Services = centre.Services, Description = centre.Description, Active = centre.Active, Version = centre.Version };
        return await PageAsync(context, db, grid, maps, tenant, centre, form, [], activity, Text(errors), StatusCodes.Status400BadRequest, ct);
    }

    private static async Task<IResult> PublicListAsync(string? level, HttpContext context, TenantDbContext db, IGridDirectory grid, IGridMaps maps, ITenant tenant, CancellationToken ct)
    {
        await grid.GetLevelsAsync(ct);
        CentreLevel? levelFilter = Enum.TryParse<CentreLevel>(level, out var l) && Enum.IsDefined(l) && !int.TryParse(level, out _) ? l : null;
        var query = db.Set<ServiceCentre>().AsNoTracking().Where(c => c.Active);
        if (levelFilter is { } lf)
        {
            query = query.Where(c => c.Level == lf);
        }

        var centres = await query.OrderBy(c => c.Level).ThenBy(c => c.Code).ToListAsync(ct);
        var map = await maps.RenderPinsAsync(new PinMapRequest(
            [.. centres.Where(c => c.Longitude is not null && c.Latitude is not null)
                .Select(c => new MapPin(c.Longitude!.Value, c.Latitude!.Value, c.Name, context.TenantPath($"redgrid/centres/{Uri.EscapeDataString(c.Code)}"), "redgrid-pin-" + c.Level.ToString().ToLowerInvariant()))],
            new BilingualText("党群服务中心地图", "Map of the party-mass service centres").For(CultureInfo.CurrentUICulture)), ct);
        return ComponentPage.Render<PublicCentresPage>(context, new { Centres = centres, Level = levelFilter, Map = map, TimeZoneId = tenant.TimeZone });
    }

    private static async Task<IResult> PublicCentreAsync(string code, HttpContext context, TenantDbContext db, IGridDirectory grid, IGridMaps maps, ITenant tenant, TimeProvider clock, CancellationToken ct)
    {
        await grid.GetLevelsAsync(ct);
        var centre = await db.Set<ServiceCentre>().AsNoTracking().FirstOrDefaultAsync(c => c.Code == code && c.Active, ct);
        if (centre is null)
        {
            return Results.NotFound();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var activities = await db.Set<CentreActivity>().AsNoTracking().Where(a => a.CentreId == centre.Id && a.Published && a.StartsUtc >= now)
            .OrderBy(a => a.StartsUtc).Take(50).ToListAsync(ct);
        var map = centre.Longitude is { } lon && centre.Latitude is { } lat
            ? await maps.RenderPinsAsync(new PinMapRequest([new MapPin(lon, lat, centre.Name, null, "redgrid-pin-" + centre.Level.ToString().ToLowerInvariant())], new BilingualText($"{centre.Name}位置图", $"Map of {centre.Name}").For(CultureInfo.CurrentUICulture)), ct)
            : "";
        return ComponentPage.Render<PublicCentrePage>(context, new { Centre = centre, Unit = await grid.FindAsync(centre.GridUnitCode, ct), Activities = activities, Map = map, TimeZoneId = tenant.TimeZone });
    }

    private static async Task<ServiceCentre?> LoadAsync(long id, TenantDbContext db, IGridDirectory grid, CancellationToken ct)
    {
        // The grid first: its first load opens its own transaction.
        await grid.GetLevelsAsync(ct);
        return await db.Set<ServiceCentre>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
    }

    private static async Task<Dictionary<string, string>> ScopeErrorsAsync(HttpContext context, IGridDirectory grid, string? unit, CancellationToken ct)
    {
        var units = await grid.GetUnitsInScopeAsync(context.User, ct);
        return string.IsNullOrWhiteSpace(unit) || units.Any(u => u.Code == unit.Trim())
            ? []
            : new() { ["gridUnit"] = new BilingualText("只能选择您管辖范围内的单位。", "Choose a unit within your scope.").For(CultureInfo.CurrentUICulture) };
    }

    private static async Task<IResult> PageAsync(HttpContext context, TenantDbContext db, IGridDirectory grid, IGridMaps maps, ITenant tenant, ServiceCentre? centre, CentreForm form, Dictionary<string, string> errors,
        ActivityForm activity, Dictionary<string, string> activityErrors, int status, CancellationToken ct, string? done = null)
    {
        var units = await grid.GetUnitsInScopeAsync(context.User, ct);
        (double, double)? point = double.TryParse(form.Longitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) && double.TryParse(form.Latitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) ? (lon, lat) : null;
        var map = await maps.RenderPinsAsync(new PinMapRequest([], new BilingualText("点击地图设置位置", "Click the map to set the location").For(CultureInfo.CurrentUICulture), null, point, Pickable: true), ct);
        // A pick here only fills the inputs: submitting the editor's form would save it.
        map = map.Replace(" data-submit=\"\"", "", StringComparison.Ordinal);
        var activities = centre is null ? [] : await db.Set<CentreActivity>().AsNoTracking().Where(a => a.CentreId == centre.Id).OrderByDescending(a => a.StartsUtc).Take(100).ToListAsync(ct);
        return ComponentPage.Render<CentreEditPage>(context, new
        {
            Centre = centre,
            Form = form,
            Units = units,
            Errors = errors,
            Map = map,
            Activities = activities,
            Activity = activity,
            ActivityErrors = activityErrors,
            Done = done,
            TimeZoneId = tenant.TimeZone,
        }, status);
    }

    private static Dictionary<string, string> Text(IReadOnlyDictionary<string, BilingualText> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.For(CultureInfo.CurrentUICulture), StringComparer.Ordinal);
}
