using System.Globalization;
using System.Security.Claims;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Identifiers;
using GovPlatform.LegalAid.Models;
using GovPlatform.LegalAid.Security;
using GovPlatform.LegalAid.Services;
using GovPlatform.Localization;
using GovPlatform.Modules;
using GovPlatform.Security;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.LegalAid.Appointments;

/// <summary>
/// The staff's day list of appointments (<c>admin/legal/appointments</c>): one local day, the stations and advisers of
/// the user's grid scope (and a lawyer's own adviser appointments), with kept / missed, cancel and the link to record the
/// consultation. Seeing needs <see cref="LegalAidPermissions.View"/> over the appointment's unit; acting and the full
/// phone need <see cref="LegalAidPermissions.Consult"/> over it, or being the appointment's lawyer.
/// </summary>
internal static class AppointmentDeskEndpoints
{
    public const string Path = "admin/legal/appointments";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/" + Path);
        group.MapGetShared("/", ListAsync).RequirePermission(LegalAidPermissions.View);
        // Viewing is the gate; the action checks Consult on the appointment's unit (or its lawyer).
        group.MapPostShared("/{id:long}/{action}", ActAsync).RequirePermission(LegalAidPermissions.View);
    }

    private static async Task<IResult> ListAsync(
        string? date, string? provider, string? done, HttpContext context, TenantDbContext db, IGridScopeFilter scope, IAuthorizationService authorization,
        AppointmentDirectory directory, BookingService booking, TimeProvider clock, ITenant tenant, CancellationToken ct)
    {
        var day = DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : await booking.TodayAsync(ct);
        var notice = done switch
        {
            "kept" => Text(new("已登记为到场。", "Marked as kept.")),
            "missed" => Text(new("已登记为未到场。", "Marked as missed.")),
            "cancel" => Text(new("预约已取消。", "The appointment is cancelled.")),
            _ => null,
        };
        return await PageAsync(context, db, scope, authorization, directory, clock, tenant, day, provider ?? "", notice, null, StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> ActAsync(
        long id, string action, IFormCollection form, HttpContext context, TenantDbContext db, IGridScopeFilter scope, IAuthorizationService authorization,
        AppointmentDirectory directory, BookingService booking, TimeProvider clock, ITenant tenant, CancellationToken ct)
    {
        var appointment = await db.Set<Appointment>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (action is not ("kept" or "missed" or "cancel") || appointment is null)
        {
            return Results.NotFound();
        }

        var lawyers = await MyLawyerIdsAsync(db, context.User, ct);
        if (!await CanSeeAsync(authorization, context.User, appointment, lawyers))
        {
            return Results.NotFound();
        }

        var day = directory.LocalDate(appointment.StartsUtc);
        var provider = PublicAppointmentEndpoints.Field(form, "provider");
        if (!await CanActAsync(authorization, context.User, appointment, lawyers))
        {
            return await PageAsync(context, db, scope, authorization, directory, clock, tenant, day, provider, null,
                Text(new("您没有接待这条预约的权限。", "You may not act on this appointment.")), StatusCodes.Status403Forbidden, ct);
        }

        var actor = context.User.Identity?.Name ?? "staff";
        var result = action switch
        {
            "kept" => await booking.MarkAsync(id, true, actor, ct),
            "missed" => await booking.MarkAsync(id, false, actor, ct),
            _ => await booking.CancelAsync(id, PublicAppointmentEndpoints.Field(form, "reason"), actor, byCitizen: false, ct),
        };
        if (result.Succeeded)
        {
            var query = $"date={day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}&provider={Uri.EscapeDataString(provider)}&done={action}";
            return Results.Redirect(context.TenantPath($"{Path}?{query}"));
        }

        var error = result.Errors?.Values.FirstOrDefault() is { } first ? Text(first) : Text(new("操作未能完成，请刷新后重试。", "That did not work; reload and try again."));
        var status = result.Status switch
        {
            BookingStatus.NotFound => StatusCodes.Status404NotFound,
            BookingStatus.Invalid => StatusCodes.Status400BadRequest,
            _ => StatusCodes.Status409Conflict,
        };
        return await PageAsync(context, db, scope, authorization, directory, clock, tenant, day, provider, null, error, status, ct);
    }

    private static async Task<IResult> PageAsync(
        HttpContext context, TenantDbContext db, IGridScopeFilter scope, IAuthorizationService authorization, AppointmentDirectory directory, TimeProvider clock,
        ITenant tenant, DateOnly day, string provider, string? notice, string? error, int status, CancellationToken ct)
    {
        var user = context.User;
        // The grid first: it must not load inside the queries below.
        var codes = await scope.GetScopeCodesAsync(user, ct);
        var lawyers = await MyLawyerIdsAsync(db, user, ct);
        var units = codes?.Order(StringComparer.Ordinal).ToArray();

        var stations = db.Set<LegalStation>().AsNoTracking();
        var assignments = db.Set<AdviserAssignment>().AsNoTracking();
        if (units is not null)
        {
            stations = stations.Where(s => units.Contains(s.GridUnitCode));
            assignments = assignments.Where(a => units.Contains(a.GridUnitCode) || lawyers.Contains(a.LawyerId));
        }

        var options = new List<ProviderOption>();
        foreach (var station in await stations.OrderBy(s => s.Name).Select(s => s.Id).ToListAsync(ct))
        {
            if (await directory.ProviderAsync(ProviderKind.Station, station, ct) is { } info)
            {
                options.Add(new ProviderOption(AppointmentFormats.Provider(ProviderKind.Station, station), Text(info.Bookable.Name)));
            }
        }

        foreach (var assignment in await assignments.OrderBy(a => a.GridUnitCode).ThenByDescending(a => a.StartsOn).Select(a => a.Id).ToListAsync(ct))
        {
            if (await directory.ProviderAsync(ProviderKind.Adviser, assignment, ct) is { } info)
            {
                options.Add(new ProviderOption(AppointmentFormats.Provider(ProviderKind.Adviser, assignment), Text(info.Bookable.Name)));
            }
        }

        var from = TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), directory.Zone);
        var until = TimeZoneInfo.ConvertTimeToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue), directory.Zone);
        var query = db.Set<Appointment>().AsNoTracking().Where(a => a.StartsUtc >= from && a.StartsUtc < until);
        if (units is not null)
        {
            query = query.Where(a => units.Contains(a.GridUnitCode) || (a.LawyerId != null && lawyers.Contains(a.LawyerId.Value)));
        }

        var chosen = provider.Split(':') is [var kind, var idText] && PublicAppointmentEndpoints.ParseKind(kind) is { } providerKind
            && long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var providerId) ? (providerKind, providerId) : ((ProviderKind, long)?)null;
        if (chosen is { } filter)
        {
            query = query.Where(a => a.ProviderKind == filter.Item1 && a.ProviderId == filter.Item2);
        }

        var rows = new List<DayRow>();
        foreach (var appointment in await query.OrderBy(a => a.StartsUtc).ThenBy(a => a.Id).Take(500).ToListAsync(ct))
        {
            if (!await CanSeeAsync(authorization, user, appointment, lawyers))
            {
                continue;
            }

            var canAct = await CanActAsync(authorization, user, appointment, lawyers);
            var info = await directory.ProviderAsync(appointment.ProviderKind, appointment.ProviderId, ct);
            rows.Add(new DayRow(appointment, info is null ? "" : Text(info.Bookable.Name), canAct ? appointment.Phone : MobileNumber.Mask(appointment.Phone), canAct));
        }

        return ComponentPage.Render<DayListPage>(context, new
        {
            Model = new DayListModel(day, chosen is null ? "" : provider, options, rows, clock.GetUtcNow().UtcDateTime, notice, error),
            TimeZoneId = tenant.TimeZone,
        }, status);
    }

    private static async Task<long[]> MyLawyerIdsAsync(TenantDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        user.Identity?.Name is { Length: > 0 } name
            ? await db.Set<Lawyer>().AsNoTracking().Where(l => l.UserName == name).Select(l => l.Id).ToArrayAsync(ct)
            : [];

    private static async Task<bool> CanSeeAsync(IAuthorizationService authorization, ClaimsPrincipal user, Appointment appointment, long[] lawyers) =>
        (appointment.LawyerId is { } lawyer && lawyers.Contains(lawyer)) || await authorization.HasPermissionAsync(user, LegalAidPermissions.View, appointment);

    private static async Task<bool> CanActAsync(IAuthorizationService authorization, ClaimsPrincipal user, Appointment appointment, long[] lawyers) =>
        (appointment.LawyerId is { } lawyer && lawyers.Contains(lawyer)) || await authorization.HasPermissionAsync(user, LegalAidPermissions.Consult, appointment);

    private static string Text(BilingualText text) => text.For(CultureInfo.CurrentUICulture);
}
