using System.Security.Claims;
using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Forms;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.RedGrid.Models;
using GovPlatform.Tenants;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.RedGrid.Lists;

/// <summary>A completed project as the public site shows it (no people's phones).</summary>
public sealed record PublicProject(long Id, string Title, string GridUnitCode, string ResidentUnit, ResourceType Type, string Owner, string? Outcome, int Beneficiaries, DateOnly? CompletedOn);

/// <summary>Projects matched and completed in a period under one unit (for the red-grid reports).</summary>
public sealed record ProjectFigures(string UnitCode, int Matched, int Completed, int Beneficiaries);

/// <summary>
/// Projects (项目清单): Planned → InProgress → Completed (with outcome, beneficiaries, date: the need is closed) or
/// Cancelled (the need re-opens for another match). Edits carry the project's version. Audited (category <c>redgrid</c>).
/// </summary>
public sealed class ProjectBoard(TenantDbContext db, IGridDirectory grid, IAuditLog audit, ITenant tenant, TimeProvider clock)
{
    /// <summary>The message when the project changed since the page was opened.</summary>
    public static readonly BilingualText StaleMessage = new(
        "这个项目刚被他人修改，请刷新页面后再改。", "Someone else changed this project since you opened it; reload the page and make your change again.");

    private static readonly BilingualText NotNow = new("项目当前的状态不允许这样做。", "The project's status does not allow this.");

    /// <summary>Planned → InProgress.</summary>
    public Task<ListsResult> StartAsync(long id, int version, ClaimsPrincipal? user, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, user, "project-start", (project, _) =>
        {
            if (project.Status != ProjectStatus.Planned)
            {
                return NotNow;
            }

            project.Status = ProjectStatus.InProgress;
            return null;
        }, cancellationToken);

    /// <summary>Planned or InProgress → Completed; the need is met (Closed).</summary>
    public Task<ListsResult> CompleteAsync(long id, int version, string? outcome, string? beneficiaries, string? completedOn, ClaimsPrincipal? user, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        FieldChecks.Text(errors, "outcome", outcome, 2000, required: true);
        var people = ListsInput.Number(errors, "beneficiaries", beneficiaries, 10_000_000);
        var date = ListsInput.Date(errors, "completedOn", completedOn, required: true);
        if (errors.Count > 0)
        {
            return Task.FromResult(ListsResult.Invalid(errors));
        }

        return ChangeAsync(id, version, user, "project-complete", (project, need) =>
        {
            if (project.Status is not (ProjectStatus.Planned or ProjectStatus.InProgress))
            {
                return NotNow;
            }

            project.Status = ProjectStatus.Completed;
            project.Outcome = outcome!.Trim();
            project.Beneficiaries = (int)people;
            project.CompletedOn = date;
            if (need is not null)
            {
                need.Status = NeedStatus.Closed;
                need.Version++;
            }

            return null;
        }, cancellationToken);
    }

    /// <summary>Planned or InProgress → Cancelled; the need re-opens and a resource the match marked used up is available again.</summary>
    public Task<ListsResult> CancelAsync(long id, int version, ClaimsPrincipal? user, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, user, "project-cancel", (project, need) =>
        {
            if (project.Status is not (ProjectStatus.Planned or ProjectStatus.InProgress))
            {
                return NotNow;
            }

            project.Status = ProjectStatus.Cancelled;
            if (need is { Status: NeedStatus.Matched })
            {
                need.Status = NeedStatus.Open;
                need.Version++;
            }

            return null;
        }, cancellationToken);

    /// <summary>Shows the project on the public site (once completed) or hides it.</summary>
    public Task<ListsResult> SetPublicAsync(long id, int version, bool shown, ClaimsPrincipal? user, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, user, shown ? "project-show" : "project-hide", (project, _) =>
        {
            project.ShownPublicly = shown;
            return null;
        }, cancellationToken);

    /// <summary>Completed projects shown publicly, newest first, optionally under one unit (a street), one page of them.</summary>
    public async Task<(IReadOnlyList<PublicProject> Rows, int Total)> PublicAsync(string? underUnit, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        List<string>? codes = null;
        if (underUnit is not null)
        {
            codes = await grid.GetSubtreeCodesAsync(underUnit, cancellationToken);
        }

        var query =
            from p in db.Set<Project>().AsNoTracking()
            join r in db.Set<UnitResource>().AsNoTracking() on p.ResourceId equals r.Id
            join u in db.Set<ResidentUnit>().AsNoTracking() on r.ResidentUnitId equals u.Id
            where p.Status == ProjectStatus.Completed && p.ShownPublicly
            select new { p, r.Type, Unit = u.Name };
        if (codes is not null)
        {
            query = query.Where(x => codes.Contains(x.p.GridUnitCode));
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(x => x.p.CompletedOn).ThenByDescending(x => x.p.Id)
            .Skip((Math.Max(1, page) - 1) * pageSize).Take(pageSize)
            .Select(x => new PublicProject(x.p.Id, x.p.Title, x.p.GridUnitCode, x.Unit, x.Type, x.p.Owner, x.p.Outcome, x.p.Beneficiaries, x.p.CompletedOn))
            .ToListAsync(cancellationToken);
        return (rows, total);
    }

    /// <summary>
    /// Projects matched (created) and completed from <paramref name="from"/> to <paramref name="to"/> (local dates,
    /// inclusive) under each of <paramref name="unitCodes"/>: one GROUP BY over the projects' units, rolled up here.
    /// </summary>
    public async Task<IReadOnlyList<ProjectFigures>> ProjectFiguresAsync(IReadOnlyList<string> unitCodes, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unitCodes);
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var code in unitCodes)
        {
            foreach (var unit in await grid.GetSubtreeAsync(code, cancellationToken))
            {
                owner.TryAdd(unit.Code, code);
            }
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone);
        var fromUtc = TimeZoneInfo.ConvertTimeToUtc(from.ToDateTime(TimeOnly.MinValue), zone);
        var toUtc = TimeZoneInfo.ConvertTimeToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
        var codes = owner.Keys.ToList();
        var groups = await db.Set<Project>().AsNoTracking()
            .Where(p => codes.Contains(p.GridUnitCode))
            .GroupBy(p => p.GridUnitCode)
            .Select(g => new
            {
                Code = g.Key,
                Matched = g.Sum(p => p.CreatedUtc >= fromUtc && p.CreatedUtc < toUtc ? 1 : 0),
                Completed = g.Sum(p => p.Status == ProjectStatus.Completed && p.CompletedOn >= from && p.CompletedOn <= to ? 1 : 0),
                Beneficiaries = g.Sum(p => p.Status == ProjectStatus.Completed && p.CompletedOn >= from && p.CompletedOn <= to ? p.Beneficiaries : 0),
            })
            .ToListAsync(cancellationToken);
        return [.. unitCodes.Select(code =>
        {
            var mine = groups.Where(g => owner.TryGetValue(g.Code, out var o) && o == code).ToList();
            return new ProjectFigures(code, mine.Sum(g => g.Matched), mine.Sum(g => g.Completed), mine.Sum(g => g.Beneficiaries));
        })];
    }

    /// <summary>Applies <paramref name="change"/> to the project and its need in one transaction, at the version the page showed.</summary>
    private async Task<ListsResult> ChangeAsync(long id, int version, ClaimsPrincipal? user, string action, Func<Project, CommunityNeed?, BilingualText?> change, CancellationToken cancellationToken)
    {
        ListsResult result;
        try
        {
            result = await db.InTransactionAsync(async ct =>
            {
                var project = await db.Set<Project>().FirstOrDefaultAsync(p => p.Id == id, ct);
                if (project is null)
                {
                    return ListsResult.Missing;
                }

                if (project.Version != version)
                {
                    return ListsResult.Whole(ListsOutcome.Stale, StaleMessage);
                }

                var need = await db.Set<CommunityNeed>().FirstOrDefaultAsync(n => n.Id == project.NeedId, ct);
                var before = project.Status;
                if (change(project, need) is { } refusal)
                {
                    db.ChangeTracker.Clear();
                    return ListsResult.Whole(ListsOutcome.Invalid, refusal);
                }

                var now = clock.GetUtcNow().UtcDateTime;
                if (before != ProjectStatus.Cancelled && project.Status == ProjectStatus.Cancelled && project.UsedResource
                    && await db.Set<UnitResource>().FirstOrDefaultAsync(r => r.Id == project.ResourceId, ct) is { Available: false } resource)
                {
                    // The resource was used up by this project only: cancelled, it can be matched again (a completed one keeps it used).
                    resource.Available = true;
                    resource.Version++;
                    resource.UpdatedUtc = now;
                }

                project.Version = version + 1;
                project.UpdatedUtc = now;
                if (need is not null && db.Entry(need).State == EntityState.Modified)
                {
                    need.UpdatedUtc = now;
                }

                return ListsResult.Ok(project.Id);
            }, cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return ListsResult.Whole(ListsOutcome.Stale, StaleMessage);
        }

        if (result.Outcome == ListsOutcome.Done)
        {
            await audit.RecordAsync(new AuditEvent(ResidentUnitEditor.AuditCategory, action, $"project:{id}", ListsInput.Actor(user)), cancellationToken);
        }

        return result;
    }
}
