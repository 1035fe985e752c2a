using System.Globalization;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.LegalAid.Models;
using GovPlatform.LegalAid.Security;
using GovPlatform.Localization;
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

namespace GovPlatform.LegalAid.Stations;

/// <summary>
/// The stations' admin pages (<c>admin/legal/stations</c>): the list in the reader's grid scope (View) with filters and
/// paging, and the editor (Manage) with a pickable map for the location.
/// </summary>
internal static class StationEndpoints
{
    private const string AdminPath = "admin/legal/stations";
    private const int PageSize = 50;
    private static readonly Dictionary<string, string> NoErrors = [];

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var view = endpoints.MapGroup("/admin/legal").RequirePermission(LegalAidPermissions.View);
        view.MapGetShared("/stations", ListAsync);
        var manage = endpoints.MapGroup("/admin/legal").RequirePermission(LegalAidPermissions.Manage);
        manage.MapGetShared("/stations/new", NewAsync);
        manage.MapPostShared("/stations/new", CreateAsync);
        manage.MapGetShared("/stations/{id:long}", EditAsync);
        manage.MapPostShared("/stations/{id:long}", SaveAsync);
    }

    private static async Task<IResult> ListAsync(
        string? kind, string? unit, int? page, string? done, HttpContext context, TenantDbContext db, IGridDirectory grid, IGridScopeFilter scope,
        IAuthorizationService authorization, ITenant tenant, CancellationToken ct)
    {
        // The grid first: its first load opens its own transaction.
        var units = await grid.GetUnitsInScopeAsync(context.User, ct);
        var query = await scope.ApplyAsync(db.Set<LegalStation>().AsNoTracking(), s => s.GridUnitCode, context.User, ct);
        StationKind? kindFilter = Enum.TryParse<StationKind>(kind, out var k) && Enum.IsDefined(k) && !int.TryParse(kind, out _) ? k : null;
        if (kindFilter is { } kf)
        {
            query = query.Where(s => s.Kind == kf);
        }

        var unitFilter = units.FirstOrDefault(u => u.Code == unit)?.Code;
        if (unitFilter is not null)
        {
            query = query.Where(s => s.GridUnitCode == unitFilter);
        }

        var total = await query.CountAsync(ct);
        var number = Math.Max(1, page ?? 1);
        var stations = await query.OrderBy(s => s.Kind).ThenBy(s => s.Code).Skip((number - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return ComponentPage.Render<StationsPage>(context, new
        {
            Stations = stations,
            Units = units,
            Kind = kindFilter,
            Unit = unitFilter,
            Page = number,
            Pages = Math.Max(1, (total + PageSize - 1) / PageSize),
            Done = done,
            CanManage = await authorization.HasPermissionAsync(context.User, LegalAidPermissions.Manage),
            TimeZoneId = tenant.TimeZone,
        });
    }

    private static Task<IResult> NewAsync(HttpContext context, IGridDirectory grid, IGridMaps maps, CancellationToken ct) =>
        PageAsync(context, grid, maps, null, new StationForm { Kind = nameof(StationKind.StreetCentre), Active = true, Days = [.. OpenDays.Days(OpenDays.Weekdays).Select(d => d.ToString())], SlotMinutes = "30", SlotCapacity = "1", DaysAhead = "14" }, NoErrors, StatusCodes.Status200OK, ct);

    private static async Task<IResult> CreateAsync([FromForm] StationForm form, HttpContext context, StationEditor editor, IGridDirectory grid, IGridMaps maps, CancellationToken ct)
    {
        var errors = await ScopeErrorsAsync(context, grid, form.GridUnit, ct);
        if (errors.Count == 0)
        {
            var result = await editor.CreateAsync(form.ToInput(), context.User, ct);
            if (result.Outcome == StationOutcome.Done)
            {
                return Results.Redirect(context.TenantPath($"{AdminPath}?done=created"));
            }

            errors = Text(result.Errors);
        }

        return await PageAsync(context, grid, maps, null, form, errors, StatusCodes.Status400BadRequest, ct);
    }

    private static async Task<IResult> EditAsync(long id, HttpContext context, TenantDbContext db, IGridDirectory grid, IGridMaps maps, CancellationToken ct)
    {
        await grid.GetLevelsAsync(ct);
        var station = await db.Set<LegalStation>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        return station is null ? Results.NotFound() : await PageAsync(context, grid, maps, station, StationForm.From(StationInput.From(station), station.Version), NoErrors, StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> SaveAsync(long id, [FromForm] StationForm form, HttpContext context, TenantDbContext db, StationEditor editor, IGridDirectory grid, IGridMaps maps, CancellationToken ct)
    {
        var errors = await ScopeErrorsAsync(context, grid, form.GridUnit, ct);
        StationSaveResult? result = null;
        if (errors.Count == 0)
        {
            result = await editor.UpdateAsync(id, form.ToInput(), form.Version, context.User, ct);
            switch (result.Outcome)
            {
                case StationOutcome.NotFound:
                    return Results.NotFound();
                case StationOutcome.Done:
                    return Results.Redirect(context.TenantPath($"{AdminPath}?done=saved"));
            }

            errors = Text(result.Errors);
        }

        var station = await db.Set<LegalStation>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        return station is null ? Results.NotFound() : await PageAsync(context, grid, maps, station, form, errors, result?.Outcome == StationOutcome.Stale ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest, ct);
    }

    /// <summary>A station may be attached only to a unit in the editor's own scope.</summary>
    private static async Task<Dictionary<string, string>> ScopeErrorsAsync(HttpContext context, IGridDirectory grid, string? unit, CancellationToken ct)
    {
        var units = await grid.GetUnitsInScopeAsync(context.User, ct);
        return string.IsNullOrWhiteSpace(unit) || units.Any(u => u.Code == unit.Trim()) ? [] : Text(new Dictionary<string, BilingualText>
        {
            ["gridUnit"] = new("只能选择您管辖范围内的单位。", "Choose a unit within your scope."),
        });
    }

    private static async Task<IResult> PageAsync(HttpContext context, IGridDirectory grid, IGridMaps maps, LegalStation? station, StationForm form, Dictionary<string, string> errors, int status, CancellationToken ct)
    {
        var units = await grid.GetUnitsInScopeAsync(context.User, ct);
        (double, double)? point = double.TryParse(form.Longitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) && double.TryParse(form.Latitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) ? (lon, lat) : null;
        var map = await maps.RenderPinsAsync(new PinMapRequest([], Text(new BilingualText("点击地图设置站点位置", "Click the map to set the station's location")), null, point, Pickable: true), ct);
        // A pick here only fills the inputs: submitting the editor's form would save it.
        map = map.Replace(" data-submit=\"\"", "", StringComparison.Ordinal);
        return ComponentPage.Render<StationEditPage>(context, new { Station = station, Form = form, Units = units, Errors = errors, Map = map }, status);
    }

    private static string Text(BilingualText text) => text.For(CultureInfo.CurrentUICulture);

    private static Dictionary<string, string> Text(IReadOnlyDictionary<string, BilingualText> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.For(CultureInfo.CurrentUICulture), StringComparer.Ordinal);
}
