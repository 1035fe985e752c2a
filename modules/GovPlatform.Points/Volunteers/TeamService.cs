using System.Security.Claims;
using System.Text.RegularExpressions;
using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Points.Models;
using GovPlatform.Points.Security;
using GovPlatform.Points.Services;
using GovPlatform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Points.Volunteers;

/// <summary>A team as typed.</summary>
/// <param name="Code">2–64 lower-case letters, digits or hyphens, unique in the tenant.</param>
/// <param name="Name">The Chinese name.</param>
/// <param name="EnglishName">The English name (optional).</param>
/// <param name="GridUnitCode">The unit the team belongs to.</param>
/// <param name="Description">What the team does.</param>
/// <param name="LeaderId">The leader: one of the members, or null.</param>
public sealed record TeamInput(string? Code, string? Name, string? EnglishName, string? GridUnitCode, string? Description, long? LeaderId);

/// <summary>The outcome of a team request.</summary>
public sealed record TeamResult(VolunteerOutcome Status, VolunteerTeam? Team = null, IReadOnlyDictionary<string, BilingualText>? Errors = null)
{
    public bool Succeeded => Status == VolunteerOutcome.Done;

    public IReadOnlyDictionary<string, BilingualText> ErrorsOrEmpty => Errors ?? new Dictionary<string, BilingualText>();

    public static TeamResult Refused(VolunteerOutcome status, string field, BilingualText message) =>
        new(status, Errors: new Dictionary<string, BilingualText> { [field] = message });
}

/// <summary>
/// Volunteer teams (志愿服务队) of a grid unit and their members, managed by staff holding
/// <see cref="PointsPermissions.Volunteers"/> over the team's unit. Members are approved volunteers of the team's unit
/// or the units below it; the leader is one of them. A team is deactivated, never deleted, so activities that name it
/// keep their history. Every change is audited (category <c>points</c>).
/// </summary>
public sealed partial class TeamService(TenantDbContext db, IGridDirectory grid, IAuthorizationService authorization, IAuditLog audit, TimeProvider clock)
{
    /// <summary>The message of an edit made on a page that someone else changed since it was opened.</summary>
    public static readonly BilingualText StaleMessage = new(
        "这支服务队刚被他人修改，请刷新页面后再改。", "Someone changed this team since you opened the page; reload it and make your change again.");

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();

    /// <summary>Adds a team.</summary>
    public async Task<TeamResult> CreateAsync(TeamInput input, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = await ValidateAsync(input, null, user, cancellationToken);
        if (input.LeaderId is not null)
        {
            errors["leaderId"] = new("新建的服务队还没有队员，请先添加队员再指定队长。", "A new team has no members yet: add members, then name the leader.");
        }

        if (errors.Count > 0)
        {
            return new(VolunteerOutcome.Invalid, Errors: errors);
        }

        var team = new VolunteerTeam { Active = true, UpdatedUtc = Now() };
        Apply(team, input);
        try
        {
            await db.InTransactionAsync(async ct =>
            {
                db.Add(team);
                await db.SaveChangesAsync(ct);
                await audit.RecordAsync(new AuditEvent(PointsLedger.AuditCategory, "create-team", team.Code, $"Team {team.Code} ({team.Name}) of {team.GridUnitCode}"), ct);
                return true;
            }, cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return TeamResult.Refused(VolunteerOutcome.Invalid, "code", CodeTaken(input.Code!.Trim()));
        }

        return new(VolunteerOutcome.Done, team);
    }

    /// <summary>Changes a team; <paramref name="stamp"/> is its <see cref="VolunteerTeam.UpdatedUtc"/> ticks when the page was opened.</summary>
    public async Task<TeamResult> UpdateAsync(long id, TeamInput input, long? stamp, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var current = await db.Set<VolunteerTeam>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (current is null)
        {
            return new(VolunteerOutcome.NotFound);
        }

        if (!await CanManageAsync(user, current.GridUnitCode))
        {
            return new(VolunteerOutcome.Forbidden);
        }

        var errors = await ValidateAsync(input, id, user, cancellationToken);
        if (input.LeaderId is { } leader && !await db.Set<TeamMember>().AnyAsync(m => m.TeamId == id && m.VolunteerId == leader, cancellationToken))
        {
            errors["leaderId"] = new("队长须是本队的队员。", "The leader must be a member of the team.");
        }

        if (errors.Count > 0)
        {
            return new(VolunteerOutcome.Invalid, Errors: errors);
        }

        return await db.InTransactionAsync(async ct =>
        {
            var team = await db.Set<VolunteerTeam>().FirstAsync(t => t.Id == id, ct);
            if (stamp is { } ticks && team.UpdatedUtc.Ticks != ticks)
            {
                return TeamResult.Refused(VolunteerOutcome.Stale, "stale", StaleMessage);
            }

            Apply(team, input);
            team.UpdatedUtc = Later(team.UpdatedUtc);
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(new AuditEvent(PointsLedger.AuditCategory, "update-team", team.Code, $"Team {team.Code} ({team.Name}) of {team.GridUnitCode}, leader {team.LeaderId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}"), ct);
            return new TeamResult(VolunteerOutcome.Done, team);
        }, cancellationToken);
    }

    /// <summary>Deactivates a team (it takes no new members or activities) or reactivates it.</summary>
    public Task<TeamResult> SetActiveAsync(long id, bool active, ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, user, active ? "activate-team" : "deactivate-team", (team, ct) =>
        {
            team.Active = active;
            return Task.FromResult<string?>(null);
        }, cancellationToken);

    /// <summary>Adds an approved volunteer of the team's unit (or below) to an active team.</summary>
    public async Task<TeamResult> AddMemberAsync(long id, long volunteerId, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var team = await db.Set<VolunteerTeam>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        var volunteer = await db.Set<Volunteer>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == volunteerId, cancellationToken);
        if (team is null)
        {
            return new(VolunteerOutcome.NotFound);
        }

        if (!await CanManageAsync(user, team.GridUnitCode))
        {
            return new(VolunteerOutcome.Forbidden);
        }

        if (!team.Active)
        {
            return TeamResult.Refused(VolunteerOutcome.NotAllowed, "volunteerId", new("服务队已停用，不能添加队员。", "The team is deactivated: no members can be added."));
        }

        if (volunteer is null || !await grid.IsWithinAsync(team.GridUnitCode, volunteer.GridUnitCode, cancellationToken))
        {
            return TeamResult.Refused(VolunteerOutcome.Invalid, "volunteerId", new("请选择本队所在网格的志愿者。", "Choose a volunteer of the team's grid unit."));
        }

        if (volunteer.Status != VolunteerStatus.Approved)
        {
            return TeamResult.Refused(VolunteerOutcome.NotAllowed, "volunteerId", new("只有通过审核的志愿者才能加入服务队。", "Only approved volunteers can join a team."));
        }

        if (await db.Set<TeamMember>().AnyAsync(m => m.TeamId == id && m.VolunteerId == volunteerId, cancellationToken))
        {
            return TeamResult.Refused(VolunteerOutcome.NotAllowed, "volunteerId", new("这位志愿者已经是本队队员。", "This volunteer is already a member."));
        }

        try
        {
            return await ChangeAsync(id, user, "add-member", (t, ct) =>
            {
                db.Add(new TeamMember { TeamId = id, VolunteerId = volunteerId, JoinedUtc = Now() });
                return Task.FromResult<string?>($"Volunteer {volunteerId} ({volunteer.RealName}) joined");
            }, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique pair: the same member added twice at once.
            db.ChangeTracker.Clear();
            return TeamResult.Refused(VolunteerOutcome.NotAllowed, "volunteerId", new("这位志愿者已经是本队队员。", "This volunteer is already a member."));
        }
    }

    /// <summary>Removes a member; a leader who leaves leaves the team without a leader.</summary>
    public async Task<TeamResult> RemoveMemberAsync(long id, long volunteerId, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (!await db.Set<TeamMember>().AnyAsync(m => m.TeamId == id && m.VolunteerId == volunteerId, cancellationToken))
        {
            return new(VolunteerOutcome.NotFound);
        }

        return await ChangeAsync(id, user, "remove-member", async (team, ct) =>
        {
            await db.Set<TeamMember>().Where(m => m.TeamId == id && m.VolunteerId == volunteerId).ExecuteDeleteAsync(ct);
            if (team.LeaderId == volunteerId)
            {
                team.LeaderId = null;
            }

            return (string?)$"Volunteer {volunteerId} left";
        }, cancellationToken);
    }

    /// <summary>Whether the user may manage teams of <paramref name="unitCode"/>.</summary>
    public async Task<bool> CanManageAsync(ClaimsPrincipal user, string unitCode) =>
        await authorization.HasPermissionAsync(user, PointsPermissions.Volunteers, new TeamUnit(unitCode));

    private async Task<TeamResult> ChangeAsync(long id, ClaimsPrincipal user, string action, Func<VolunteerTeam, CancellationToken, Task<string?>> change, CancellationToken cancellationToken)
    {
        var current = await db.Set<VolunteerTeam>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (current is null)
        {
            return new(VolunteerOutcome.NotFound);
        }

        if (!await CanManageAsync(user, current.GridUnitCode))
        {
            return new(VolunteerOutcome.Forbidden);
        }

        return await db.InTransactionAsync(async ct =>
        {
            var team = await db.Set<VolunteerTeam>().FirstAsync(t => t.Id == id, ct);
            var summary = await change(team, ct);
            team.UpdatedUtc = Later(team.UpdatedUtc);
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(new AuditEvent(PointsLedger.AuditCategory, action, team.Code, summary ?? $"Team {team.Code}: {action}"), ct);
            return new TeamResult(VolunteerOutcome.Done, team);
        }, cancellationToken);
    }

    private async Task<Dictionary<string, BilingualText>> ValidateAsync(TeamInput input, long? id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        var code = input.Code?.Trim() ?? "";
        if (!CodePattern().IsMatch(code))
        {
            errors["code"] = new("代码为 2–64 个小写字母、数字或连字符。", "The code is 2–64 lower-case letters, digits or hyphens.");
        }
        else if (await db.Set<VolunteerTeam>().AnyAsync(t => t.Code == code && t.Id != (id ?? 0), cancellationToken))
        {
            errors["code"] = CodeTaken(code);
        }

        if ((input.Name?.Trim() ?? "").Length is < 1 or > 100)
        {
            errors["name"] = new("请填写名称（最多 100 字）。", "Enter the name (at most 100 characters).");
        }

        if ((input.EnglishName?.Trim() ?? "").Length > 200)
        {
            errors["englishName"] = new("英文名称最多 200 个字符。", "The English name has at most 200 characters.");
        }

        if ((input.Description?.Trim() ?? "").Length > 2000)
        {
            errors["description"] = new("简介最多 2000 字。", "The description has at most 2,000 characters.");
        }

        var unit = input.GridUnitCode?.Trim() ?? "";
        if (unit.Length == 0 || await grid.FindAsync(unit, cancellationToken) is null)
        {
            errors["gridUnitCode"] = new("请选择本区网格中的一个单位。", "Choose a unit of the district's grid.");
        }
        else if (!await CanManageAsync(user, unit))
        {
            errors["gridUnitCode"] = new("您不能管理这个网格单位的服务队。", "You cannot manage the teams of this unit.");
        }

        return errors;
    }

    private static void Apply(VolunteerTeam team, TeamInput input)
    {
        team.Code = input.Code?.Trim() ?? "";
        team.Name = input.Name?.Trim() ?? "";
        team.EnglishName = input.EnglishName?.Trim() ?? "";
        team.GridUnitCode = input.GridUnitCode?.Trim() ?? "";
        team.Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        team.LeaderId = input.LeaderId;
    }

    private static BilingualText CodeTaken(string code) => new($"已有代码为“{code}”的服务队。", $"Another team has the code '{code}'.");

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    // The stamp must change with every edit even within one clock tick (and survive PostgreSQL's microseconds), or a stale page would pass.
    private DateTime Later(DateTime previous)
    {
        var now = Now();
        return now > previous.AddMilliseconds(1) ? now : previous.AddMilliseconds(1);
    }

    private sealed record TeamUnit(string? GridUnitCode) : IGridScopedResource;
}
