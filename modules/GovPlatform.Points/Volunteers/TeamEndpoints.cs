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
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Points.Volunteers;

/// <summary>
/// The volunteer teams (<c>admin/points/teams</c>): the list of the reader's grid scope (<see cref="PointsPermissions.View"/>);
/// creating, editing, deactivating and membership need <see cref="PointsPermissions.Volunteers"/> over the team's unit.
/// </summary>
internal static class TeamEndpoints
{
    private const string Path = "admin/points/teams";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var view = endpoints.MapGroup("/admin/points/teams").RequirePermission(PointsPermissions.View);
        view.MapGetShared("", ListAsync);
        view.MapGetShared("/{id:long}", TeamAsync);

        var manage = endpoints.MapGroup("/admin/points/teams").RequirePermission(PointsPermissions.Volunteers);
        manage.MapGetShared("/new", NewAsync);
        manage.MapPostShared("/new", CreateAsync);
        manage.MapPostShared("/{id:long}", UpdateAsync);
        manage.MapPostShared("/{id:long}/active", SetActiveAsync);
        manage.MapPostShared("/{id:long}/members", AddMemberAsync);
        manage.MapPostShared("/{id:long}/members/{volunteerId:long}/remove", RemoveMemberAsync);
    }

    private static async Task<IResult> ListAsync(string? done, HttpContext context, TenantDbContext db, IGridDirectory grid, IGridScopeFilter scope, Microsoft.AspNetCore.Authorization.IAuthorizationService authorization, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentUICulture;
        await grid.GetLevelsAsync(ct);
        var query = await scope.ApplyAsync(db.Set<VolunteerTeam>().AsNoTracking(), t => t.GridUnitCode, context.User, ct);
        var teams = await query.OrderByDescending(t => t.Active).ThenBy(t => t.GridUnitCode).ThenBy(t => t.Code).ToListAsync(ct);
        var ids = teams.Select(t => t.Id).ToList();
        var counts = await db.Set<TeamMember>().Where(m => ids.Contains(m.TeamId)).GroupBy(m => m.TeamId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var leaderIds = teams.Where(t => t.LeaderId != null).Select(t => t.LeaderId!.Value).ToList();
        var leaders = await db.Set<Volunteer>().Where(v => leaderIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.RealName, ct);
        var rows = new List<TeamRow>();
        foreach (var team in teams)
        {
            rows.Add(new TeamRow(team.Id, team.Code, Name(team, culture), await PublicVolunteerEndpoints.UnitNameAsync(grid, team.GridUnitCode, ct),
                counts.GetValueOrDefault(team.Id), team.LeaderId is { } l ? leaders.GetValueOrDefault(l) : null, team.Active));
        }

        return ComponentPage.Render<TeamsPage>(context, new
        {
            Rows = rows,
            Done = done,
            CanManage = await authorization.HasPermissionAsync(context.User, PointsPermissions.Volunteers),
        });
    }

    private static async Task<IResult> TeamAsync(long id, string? done, HttpContext context, TenantDbContext db, IGridDirectory grid, IGridScopeFilter scope, TeamService teams, ITenant tenant, CancellationToken ct)
    {
        var team = await FindInScopeAsync(id, context, db, grid, scope, ct);
        return team is null ? Results.NotFound()
            : await PageAsync(context, db, grid, teams, tenant, team, TeamForm.From(team), NoErrors, NoErrors, done, StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> NewAsync(HttpContext context, TenantDbContext db, IGridDirectory grid, TeamService teams, ITenant tenant, CancellationToken ct) =>
        await PageAsync(context, db, grid, teams, tenant, null, new TeamForm(), NoErrors, NoErrors, null, StatusCodes.Status200OK, ct);

    private static async Task<IResult> CreateAsync([FromForm] TeamForm form, HttpContext context, TenantDbContext db, IGridDirectory grid, TeamService teams, ITenant tenant, CancellationToken ct)
    {
        var input = form.ToInput(out var badLeader);
        var result = badLeader ? TeamResult.Refused(VolunteerOutcome.Invalid, "leaderId", BadLeader) : await teams.CreateAsync(input, context.User, ct);
        if (result.Succeeded)
        {
            return Results.Redirect(context.TenantPath($"{Path}/{result.Team!.Id}?done=created"));
        }

        return await PageAsync(context, db, grid, teams, tenant, null, form, Text(result), NoErrors, null, StatusCodes.Status400BadRequest, ct);
    }

    private static async Task<IResult> UpdateAsync(long id, [FromForm] TeamForm form, HttpContext context, TenantDbContext db, IGridDirectory grid, IGridScopeFilter scope, TeamService teams, ITenant tenant, CancellationToken ct)
    {
        if (await FindInScopeAsync(id, context, db, grid, scope, ct) is null)
        {
            return Results.NotFound();
        }

        var input = form.ToInput(out var badLeader);
        var result = badLeader ? TeamResult.Refused(VolunteerOutcome.Invalid, "leaderId", BadLeader) : await teams.UpdateAsync(id, input, form.Stamp, context.User, ct);
        switch (result.Status)
        {
            case VolunteerOutcome.Done:
                return Results.Redirect(context.TenantPath($"{Path}/{id}?done=saved"));
            case VolunteerOutcome.NotFound:
                return Results.NotFound();
            case VolunteerOutcome.Forbidden:
                return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var team = await db.Set<VolunteerTeam>().AsNoTracking().FirstAsync(t => t.Id == id, ct);
        return await PageAsync(context, db, grid, teams, tenant, team, form, Text(result), NoErrors, null, StatusCodes.Status400BadRequest, ct);
    }

    private static async Task<IResult> SetActiveAsync(long id, [FromForm] TeamActiveForm form, HttpContext context, TenantDbContext db, IGridDirectory grid, IGridScopeFilter scope, TeamService teams, CancellationToken ct) =>
        await FindInScopeAsync(id, context, db, grid, scope, ct) is null ? Results.NotFound()
            : Outcome(await teams.SetActiveAsync(id, form.Active, context.User, ct), context, id, form.Active ? "activated" : "deactivated");

    private static async Task<IResult> AddMemberAsync(long id, [FromForm] MemberForm form, HttpContext context, TenantDbContext db, IGridDirectory grid, IGridScopeFilter scope, TeamService teams, ITenant tenant, CancellationToken ct)
    {
        var team = await FindInScopeAsync(id, context, db, grid, scope, ct);
        if (team is null)
        {
            return Results.NotFound();
        }

        var result = form.VolunteerId is { } volunteerId
            ? await teams.AddMemberAsync(id, volunteerId, context.User, ct)
            : TeamResult.Refused(VolunteerOutcome.Invalid, "volunteerId", new("请选择一位志愿者。", "Choose a volunteer."));
        if (result.Status is VolunteerOutcome.Done or VolunteerOutcome.NotFound or VolunteerOutcome.Forbidden)
        {
            return Outcome(result, context, id, "member-added");
        }

        return await PageAsync(context, db, grid, teams, tenant, team, TeamForm.From(team), NoErrors,
            result.ErrorsOrEmpty.ToDictionary(e => "member-" + e.Key, e => e.Value.ToString(), StringComparer.Ordinal), null, StatusCodes.Status400BadRequest, ct);
    }

    private static async Task<IResult> RemoveMemberAsync(long id, long volunteerId, [FromForm] TeamActiveForm confirm, HttpContext context, TenantDbContext db, IGridDirectory grid, IGridScopeFilter scope, TeamService teams, CancellationToken ct) =>
        await FindInScopeAsync(id, context, db, grid, scope, ct) is null ? Results.NotFound()
            : Outcome(await teams.RemoveMemberAsync(id, volunteerId, context.User, ct), context, id, "member-removed");

    private static IResult Outcome(TeamResult result, HttpContext context, long id, string done) => result.Status switch
    {
        VolunteerOutcome.Done => Results.Redirect(context.TenantPath($"{Path}/{id}?done={done}#members")),
        VolunteerOutcome.Forbidden => Results.StatusCode(StatusCodes.Status403Forbidden),
        VolunteerOutcome.NotFound => Results.NotFound(),
        _ => Results.Problem(detail: string.Join(" ", result.ErrorsOrEmpty.Values.Select(v => v.ToString())), statusCode: StatusCodes.Status400BadRequest),
    };

    private static async Task<VolunteerTeam?> FindInScopeAsync(long id, HttpContext context, TenantDbContext db, IGridDirectory grid, IGridScopeFilter scope, CancellationToken ct)
    {
        await grid.GetLevelsAsync(ct);
        var query = await scope.ApplyAsync(db.Set<VolunteerTeam>().AsNoTracking(), t => t.GridUnitCode, context.User, ct);
        return await query.FirstOrDefaultAsync(t => t.Id == id, ct);
    }

    private static async Task<IResult> PageAsync(
        HttpContext context, TenantDbContext db, IGridDirectory grid, TeamService teams, ITenant tenant, VolunteerTeam? team, TeamForm form,
        IReadOnlyDictionary<string, string> errors, IReadOnlyDictionary<string, string> memberErrors, string? done, int status, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentUICulture;
        var units = new List<VolunteerOption>();
        foreach (var unit in await grid.GetUnitsInScopeAsync(context.User, ct))
        {
            units.Add(new VolunteerOption(unit.Code, $"{new string('　', unit.Depth - 1)}{unit.DisplayName(culture)} ({unit.Code})"));
        }

        if (!string.IsNullOrEmpty(form.GridUnitCode) && !units.Any(u => u.Value == form.GridUnitCode))
        {
            units.Insert(0, new VolunteerOption(form.GridUnitCode, await PublicVolunteerEndpoints.UnitNameAsync(grid, form.GridUnitCode, ct)));
        }

        List<MemberRow> members = [];
        List<VolunteerOption> candidates = [];
        var canManage = true;
        if (team is not null)
        {
            canManage = await teams.CanManageAsync(context.User, team.GridUnitCode);
            var subtree = await grid.GetSubtreeCodesAsync(team.GridUnitCode, ct);
            var rows = await (from m in db.Set<TeamMember>().AsNoTracking()
                              join v in db.Set<Volunteer>().AsNoTracking() on m.VolunteerId equals v.Id
                              where m.TeamId == team.Id
                              orderby v.RealName
                              select new { v.Id, v.RealName, v.GridUnitCode, v.Status, m.JoinedUtc }).ToListAsync(ct);
            foreach (var row in rows)
            {
                members.Add(new MemberRow(row.Id, row.RealName, await PublicVolunteerEndpoints.UnitNameAsync(grid, row.GridUnitCode, ct), row.Status, row.JoinedUtc));
            }

            var memberIds = rows.Select(r => r.Id).ToList();
            var approved = await db.Set<Volunteer>().AsNoTracking()
                .Where(v => v.Status == VolunteerStatus.Approved && subtree.Contains(v.GridUnitCode) && !memberIds.Contains(v.Id))
                .OrderBy(v => v.RealName).Take(500).Select(v => new { v.Id, v.RealName, v.Phone }).ToListAsync(ct);
            candidates = [.. approved.Select(v => new VolunteerOption(v.Id.ToString(CultureInfo.InvariantCulture), $"{v.RealName} · {v.Phone}"))];
        }

        return ComponentPage.Render<TeamPage>(context, new
        {
            Team = team,
            Form = form,
            Units = units,
            Members = members,
            Candidates = candidates,
            Errors = errors,
            MemberErrors = memberErrors,
            Done = done,
            CanManage = canManage,
            TimeZoneId = tenant.TimeZone,
        }, status);
    }

    private static readonly BilingualText BadLeader = new("请从队员中选择队长。", "Choose the leader among the members.");

    private static readonly IReadOnlyDictionary<string, string> NoErrors = PublicVolunteerEndpoints.NoErrors;

    private static Dictionary<string, string> Text(TeamResult result) => PublicVolunteerEndpoints.Text(result.ErrorsOrEmpty);

    private static string Name(VolunteerTeam team, CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "en" && team.EnglishName.Length > 0 ? team.EnglishName : team.Name;
}
