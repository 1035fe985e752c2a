using System.Globalization;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Modules;
using GovPlatform.Points.Models;
using GovPlatform.Points.Security;
using GovPlatform.Security;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Points.Activities;

/// <summary>
/// The staff's activity pages (<c>admin/points/activities</c>: list in the reader's grid scope, new/edit, details with the
/// roster, check-in, confirmation and approval, the big code view) and the volunteers' (<c>points/activities</c>).
/// Reading needs <see cref="PointsPermissions.View"/>; every change is checked by <see cref="ActivityService"/> against
/// the activity's unit.
/// </summary>
internal static class ActivityEndpoints
{
    private const string AdminPath = "admin/points/activities";
    private const string PublicPath = "points/activities";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var view = endpoints.MapGroup("/admin/points").RequirePermission(PointsPermissions.View);
        view.MapGetShared("/activities", ListAsync);
        view.MapGetShared("/activities/{id:long}", DetailsAsync);
        view.MapGetShared("/activities/{id:long}/code", CodeAsync);
        view.MapGetShared("/activities/new", NewAsync);
        view.MapPostShared("/activities/new", CreateAsync);
        view.MapGetShared("/activities/{id:long}/edit", EditAsync);
        view.MapPostShared("/activities/{id:long}/edit", SaveAsync);
        view.MapPostShared("/activities/{id:long}/{action:regex(^(publish|cancel|checkin|confirm|approve)$)}", ActAsync);

        endpoints.MapGetShared("/points/activities", PublicListAsync);
        endpoints.MapGetShared("/points/activities/{id:long}", PublicDetailsAsync);
        endpoints.MapPostShared("/points/activities/{id:long}/{action:regex(^(signup|cancel|checkin)$)}", VolunteerActAsync).RequireAuthorization();
    }

    private static async Task<IResult> ListAsync(
        string? status, string? type, string? done, HttpContext context, TenantDbContext db, IGridDirectory grid, IGridScopeFilter scope, IAuthorizationService authorization, ITenant tenant, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentUICulture;
        await grid.GetLevelsAsync(ct);
        var query = await scope.ApplyAsync(db.Set<Activity>().AsNoTracking(), a => a.GridUnitCode, context.User, ct);
        ActivityStatus? statusFilter = Enum.TryParse<ActivityStatus>(status, out var s) && Enum.IsDefined(s) ? s : null;
        ActivityType? typeFilter = Enum.TryParse<ActivityType>(type, out var t) && Enum.IsDefined(t) ? t : null;
        if (statusFilter is { } sf)
        {
            query = query.Where(a => a.Status == sf);
        }

        if (typeFilter is { } tf)
        {
            query = query.Where(a => a.Type == tf);
        }

        var activities = await query.OrderByDescending(a => a.StartsUtc).ThenByDescending(a => a.Id).Take(200).ToListAsync(ct);
        var ids = activities.Select(a => a.Id).ToList();
        var taken = await db.Set<SignUp>().Where(x => ids.Contains(x.ActivityId) && x.Status != SignUpStatus.Cancelled)
            .GroupBy(x => x.ActivityId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var rows = new List<ActivityRow>();
        foreach (var activity in activities)
        {
            rows.Add(new ActivityRow(activity, await UnitAsync(grid, activity.GridUnitCode, culture, ct), taken.GetValueOrDefault(activity.Id)));
        }

        return ComponentPage.Render<ActivitiesPage>(context, new
        {
            Rows = rows,
            Status = statusFilter,
            Type = typeFilter,
            Done = done,
            CanOrganise = await authorization.HasPermissionAsync(context.User, PointsPermissions.Organise),
            TimeZoneId = tenant.TimeZone,
        });
    }

    private static async Task<IResult> NewAsync(HttpContext context, IGridDirectory grid, ITenant tenant, IAuthorizationService authorization, TimeProvider clock, CancellationToken ct)
    {
        if (!await authorization.HasPermissionAsync(context.User, PointsPermissions.Organise))
        {
            return Results.Forbid();
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone);
        var start = clock.GetUtcNow().UtcDateTime.Date.AddDays(7).AddHours(1);
        var form = new ActivityForm
        {
            Type = nameof(ActivityType.PublicWelfare),
            Starts = ActivityForm.LocalText(start, zone),
            Ends = ActivityForm.LocalText(start.AddHours(2), zone),
            SignUpOpens = ActivityForm.LocalText(clock.GetUtcNow().UtcDateTime, zone),
            SignUpCloses = ActivityForm.LocalText(start, zone),
            Capacity = "20",
        };
        return await EditPageAsync(context, grid, tenant, null, form, NoErrors, StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> CreateAsync([FromForm] ActivityForm form, HttpContext context, IGridDirectory grid, ITenant tenant, ActivityService activities, CancellationToken ct)
    {
        var (input, errors) = form.ToInput(TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone));
        var result = input is null ? null : await activities.CreateAsync(input, context.User, ct);
        if (result is { Succeeded: true })
        {
            return Results.Redirect(context.TenantPath($"{AdminPath}/{result.Activity!.Id}?done=created"));
        }

        return await EditPageAsync(context, grid, tenant, null, form, Text(result?.AllErrors ?? errors), StatusCodes.Status400BadRequest, ct);
    }

    private static async Task<IResult> EditAsync(long id, HttpContext context, TenantDbContext db, IGridDirectory grid, ITenant tenant, IAuthorizationService authorization, CancellationToken ct)
    {
        await grid.GetLevelsAsync(ct);
        var activity = await db.Set<Activity>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (activity is null || !await authorization.HasPermissionAsync(context.User, PointsPermissions.View, activity))
        {
            return Results.NotFound();
        }

        if (!await authorization.HasPermissionAsync(context.User, PointsPermissions.Organise, activity))
        {
            return Results.Forbid();
        }

        return await EditPageAsync(context, grid, tenant, activity, ActivityForm.From(activity, TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone)), NoErrors, StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> SaveAsync(long id, [FromForm] ActivityForm form, HttpContext context, TenantDbContext db, IGridDirectory grid, ITenant tenant, ActivityService activities, CancellationToken ct)
    {
        var (input, errors) = form.ToInput(TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone));
        var result = input is null ? null : await activities.EditAsync(id, input, form.Version, context.User, ct);
        switch (result?.Outcome)
        {
            case ActivityOutcome.NotFound:
                return Results.NotFound();
            case ActivityOutcome.Forbidden:
                return Results.Forbid();
            case ActivityOutcome.Done:
                return Results.Redirect(context.TenantPath($"{AdminPath}/{id}?done=saved"));
        }

        var activity = await db.Set<Activity>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        return activity is null ? Results.NotFound()
            : await EditPageAsync(context, grid, tenant, activity, form, Text(result?.AllErrors ?? errors), StatusCodes.Status400BadRequest, ct);
    }

    private static async Task<IResult> DetailsAsync(long id, string? done, HttpContext context, TenantDbContext db, IGridDirectory grid, ITenant tenant, IAuthorizationService authorization, CancellationToken ct) =>
        await DetailsPageAsync(context, db, grid, tenant, authorization, id, NoErrors, done, null, StatusCodes.Status200OK, ct);

    private static async Task<IResult> CodeAsync(long id, HttpContext context, TenantDbContext db, ITenant tenant, IAuthorizationService authorization, CancellationToken ct)
    {
        var activity = await db.Set<Activity>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (activity is null || !await authorization.HasPermissionAsync(context.User, PointsPermissions.View, activity))
        {
            return Results.NotFound();
        }

        // The code lets volunteers earn points: only an organiser of the unit sees it.
        return await authorization.HasPermissionAsync(context.User, PointsPermissions.Organise, activity)
            ? ComponentPage.Render<ActivityCodePage>(context, new { Activity = activity, TimeZoneId = tenant.TimeZone })
            : Results.Forbid();
    }

    private static async Task<IResult> ActAsync(
        long id, string action, [FromForm] ActivityActionForm? form, HttpContext context, TenantDbContext db, IGridDirectory grid, ITenant tenant,
        IAuthorizationService authorization, ActivityService activities, CancellationToken ct)
    {
        var result = action switch
        {
            "publish" => await activities.PublishAsync(id, context.User, ct),
            "cancel" => await activities.CancelAsync(id, form?.Reason, context.User, ct),
            "checkin" => await activities.CheckInAsync(id, form?.VolunteerIds ?? [], context.User, ct),
            "confirm" => await activities.ConfirmAsync(id, context.User, ct),
            _ => await activities.ApproveAwardsAsync(id, context.User, ct),
        };
        return result.Outcome switch
        {
            ActivityOutcome.NotFound => Results.NotFound(),
            ActivityOutcome.Forbidden => Results.Forbid(),
            ActivityOutcome.Done or ActivityOutcome.Unchanged => Results.Redirect(context.TenantPath($"{AdminPath}/{id}?done={action}")),
            _ => await DetailsPageAsync(context, db, grid, tenant, authorization, id, Text(result.AllErrors), null, form, StatusCodes.Status400BadRequest, ct),
        };
    }

    private static async Task<IResult> PublicListAsync(HttpContext context, TenantDbContext db, IGridDirectory grid, ITenant tenant, TimeProvider clock, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentUICulture;
        var now = clock.GetUtcNow().UtcDateTime;
        var volunteer = await VolunteerAsync(context, db, ct);
        HashSet<string>? area = null;
        if (volunteer is not null)
        {
            // The volunteer's area: the units above theirs (a street's activity is for its communities) and below it.
            area = [.. (await grid.GetAncestorsAsync(volunteer.GridUnitCode, ct)).Select(u => u.Code), .. (await grid.GetSubtreeAsync(volunteer.GridUnitCode, ct)).Select(u => u.Code), volunteer.GridUnitCode];
        }

        var activities = await db.Set<Activity>().AsNoTracking()
            .Where(a => a.Status == ActivityStatus.Published && a.ConfirmedUtc == null && a.EndsUtc > now)
            .OrderBy(a => a.StartsUtc).Take(500).ToListAsync(ct);
        if (area is not null)
        {
            activities = [.. activities.Where(a => area.Contains(a.GridUnitCode))];
        }

        var rows = new List<ActivityRow>();
        var ids = activities.Select(a => a.Id).ToList();
        var taken = await db.Set<SignUp>().Where(x => ids.Contains(x.ActivityId) && (x.Status == SignUpStatus.SignedUp || x.Status == SignUpStatus.CheckedIn))
            .GroupBy(x => x.ActivityId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        foreach (var activity in activities.Take(100))
        {
            rows.Add(new ActivityRow(activity, await UnitAsync(grid, activity.GridUnitCode, culture, ct), taken.GetValueOrDefault(activity.Id)));
        }

        return ComponentPage.Render<PublicActivitiesPage>(context, new { Rows = rows, Volunteer = volunteer, TimeZoneId = tenant.TimeZone });
    }

    private static async Task<IResult> PublicDetailsAsync(long id, string? done, HttpContext context, TenantDbContext db, IGridDirectory grid, ITenant tenant, TimeProvider clock, CancellationToken ct) =>
        await PublicPageAsync(context, db, grid, tenant, clock, id, done, null, null, StatusCodes.Status200OK, ct);

    private static async Task<IResult> VolunteerActAsync(
        long id, string action, [FromForm] ActivityActionForm? form, HttpContext context, TenantDbContext db, IGridDirectory grid, ITenant tenant, TimeProvider clock,
        ActivityService activities, CancellationToken ct)
    {
        var user = context.User.Identity?.Name ?? "";
        var result = action switch
        {
            "signup" => await activities.SignUpAsync(user, id, ct),
            "cancel" => await activities.CancelSignUpAsync(user, id, ct),
            _ => await activities.CheckInWithCodeAsync(user, id, form?.Code, ct),
        };
        if (result.Outcome == ActivityOutcome.NotFound && result.Errors is null)
        {
            return Results.NotFound();
        }

        if (result.Succeeded)
        {
            return Results.Redirect(context.TenantPath($"{PublicPath}/{id}?done={action}"));
        }

        var problem = result.AllErrors.Values.Select(v => v.For(CultureInfo.CurrentUICulture)).FirstOrDefault();
        var status = result.Outcome == ActivityOutcome.TooManyTries ? StatusCodes.Status429TooManyRequests : StatusCodes.Status400BadRequest;
        return await PublicPageAsync(context, db, grid, tenant, clock, id, null, problem, form?.Code, status, ct);
    }

    private static async Task<IResult> PublicPageAsync(
        HttpContext context, TenantDbContext db, IGridDirectory grid, ITenant tenant, TimeProvider clock, long id, string? done, string? problem, string? code, int status, CancellationToken ct)
    {
        var activity = await db.Set<Activity>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.Status != ActivityStatus.Draft, ct);
        if (activity is null)
        {
            return Results.NotFound();
        }

        var volunteer = await VolunteerAsync(context, db, ct);
        var signUp = volunteer is null ? null
            : await db.Set<SignUp>().AsNoTracking().FirstOrDefaultAsync(s => s.ActivityId == id && s.VolunteerId == volunteer.Id, ct);
        var taken = await db.Set<SignUp>().CountAsync(s => s.ActivityId == id && (s.Status == SignUpStatus.SignedUp || s.Status == SignUpStatus.CheckedIn), ct);
        return ComponentPage.Render<PublicActivityPage>(context, new
        {
            Activity = activity,
            Unit = await UnitAsync(grid, activity.GridUnitCode, CultureInfo.CurrentUICulture, ct),
            Volunteer = volunteer,
            SignUp = signUp,
            Taken = taken,
            Now = clock.GetUtcNow().UtcDateTime,
            SignedIn = context.User.Identity?.IsAuthenticated == true,
            Done = done,
            Problem = problem,
            Code = code,
            TimeZoneId = tenant.TimeZone,
        }, status);
    }

    private static async Task<IResult> DetailsPageAsync(
        HttpContext context, TenantDbContext db, IGridDirectory grid, ITenant tenant, IAuthorizationService authorization, long id,
        IReadOnlyDictionary<string, string> errors, string? done, ActivityActionForm? form, int status, CancellationToken ct)
    {
        await grid.GetLevelsAsync(ct);
        var activity = await db.Set<Activity>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (activity is null || !await authorization.HasPermissionAsync(context.User, PointsPermissions.View, activity))
        {
            return Results.NotFound();
        }

        var roster = await (from s in db.Set<SignUp>().AsNoTracking()
                            join v in db.Set<Volunteer>().AsNoTracking() on s.VolunteerId equals v.Id
                            where s.ActivityId == id
                            orderby s.SignedUpUtc, s.Id
                            select new RosterLine(s, v.RealName, v.Phone)).ToListAsync(ct);
        return ComponentPage.Render<ActivityPage>(context, new
        {
            Activity = activity,
            Unit = await UnitAsync(grid, activity.GridUnitCode, CultureInfo.CurrentUICulture, ct),
            Roster = roster,
            Errors = errors,
            Done = done,
            Reason = form?.Reason,
            CanOrganise = await authorization.HasPermissionAsync(context.User, PointsPermissions.Organise, activity),
            CanApprove = await authorization.HasPermissionAsync(context.User, PointsPermissions.Approve, activity)
                && !string.Equals(context.User.Identity?.Name, activity.Organiser, StringComparison.OrdinalIgnoreCase),
            TimeZoneId = tenant.TimeZone,
        }, status);
    }

    private static async Task<IResult> EditPageAsync(
        HttpContext context, IGridDirectory grid, ITenant tenant, Activity? activity, ActivityForm form, IReadOnlyDictionary<string, string> errors, int status, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentUICulture;
        var units = (await grid.GetUnitsInScopeAsync(context.User, ct))
            .Select(u => new ActivityOption(u.Code, $"{new string('　', Math.Max(0, u.Depth - 1))}{u.DisplayName(culture)} ({u.Code})")).ToList();
        if (!string.IsNullOrEmpty(form.GridUnitCode) && !units.Any(u => u.Value == form.GridUnitCode))
        {
            units.Insert(0, new ActivityOption(form.GridUnitCode, await UnitAsync(grid, form.GridUnitCode, culture, ct)));
        }

        return ComponentPage.Render<ActivityEditPage>(context, new { Activity = activity, Form = form, Units = units, Errors = errors, TimeZoneId = tenant.TimeZone }, status);
    }

    private static async Task<Volunteer?> VolunteerAsync(HttpContext context, TenantDbContext db, CancellationToken ct) =>
        context.User.Identity is { IsAuthenticated: true, Name: { } name }
            ? await db.Set<Volunteer>().AsNoTracking().FirstOrDefaultAsync(v => v.UserName == name, ct)
            : null;

    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    private static async Task<string> UnitAsync(IGridDirectory grid, string code, CultureInfo culture, CancellationToken ct) =>
        await grid.FindAsync(code, ct) is { } unit ? $"{unit.DisplayName(culture)} ({unit.Code})"
            : new BilingualText($"{code}（网格中没有这个单位）", $"{code} (no such grid unit)").For(culture);

    private static Dictionary<string, string> Text(IReadOnlyDictionary<string, BilingualText> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.For(CultureInfo.CurrentUICulture), StringComparer.Ordinal);
}
