using System.Security.Claims;
using GovPlatform.Calendars;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.RedGrid.Models;
using GovPlatform.RedGrid.Services;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.RedGrid.Members;

/// <summary>One community's reporting figures for a period.</summary>
/// <param name="Unit">The community (null for the total row).</param>
/// <param name="Living">Active in-service members living in it (its own code or a unit below it).</param>
/// <param name="Reported">Those of them who had reported to a community by the period's last day.</param>
/// <param name="TasksGiven">Service tasks the community gave in the period.</param>
/// <param name="TasksDone">Its tasks marked done in the period.</param>
/// <param name="Minutes">The minutes of service of the tasks done in the period.</param>
public sealed record ReportingRow(GridUnitInfo? Unit, int Living, int Reported, int TasksGiven, int TasksDone, long Minutes)
{
    /// <summary>Hours of service, one decimal.</summary>
    public decimal Hours => Math.Round(Minutes / 60m, 1);
}

/// <summary>The report: the unit it covers (null for the reader's whole scope), the period, a row per community and the total.</summary>
public sealed record ReportingFigures(GridUnitInfo? Root, DateOnly From, DateOnly To, IReadOnlyList<ReportingRow> Rows, ReportingRow Total)
{
    /// <summary>The communities by street (the street's code order), each street with its subtotal; the page and its export show them so.</summary>
    public IReadOnlyList<ReportingStreet> Streets { get; init; } = [];
}

/// <summary>A street's communities and their subtotal (<see cref="ReportingRow.Unit"/> of the subtotal is the street, or null when unknown).</summary>
public sealed record ReportingStreet(GridUnitInfo? Street, IReadOnlyList<ReportingRow> Rows, ReportingRow Subtotal);

/// <summary>
/// 在职党员社区报到 per community: in-service members living there, how many reported, tasks given and done, hours of
/// service. One grouped query per figure (members by home unit, tasks given by community, tasks done by community),
/// rolled up to the communities in memory over the grid's tree; nothing per unit.
/// </summary>
public sealed class ReportingReport(TenantDbContext db, IGridDirectory grid, IWorkingCalendarStore calendars, RedGridSettingsStore settingsStore)
{
    /// <summary>The figures for the communities in <paramref name="unit"/> (the reader's whole scope when null); null when the unit is outside the reader's scope.</summary>
    public async Task<ReportingFigures?> ComputeAsync(string? unit, DateOnly from, DateOnly to, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var settings = await settingsStore.GetAsync(cancellationToken);
        var units = await grid.GetUnitsInScopeAsync(user, cancellationToken);
        GridUnitInfo? root = null;
        if (!string.IsNullOrWhiteSpace(unit))
        {
            root = units.FirstOrDefault(u => u.Code == unit.Trim());
            if (root is null)
            {
                return null;
            }
        }

        var inRoot = root is null ? units : await grid.GetSubtreeAsync(root.Code, cancellationToken);
        var scoped = units.Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        var communities = inRoot.Where(u => u.Depth == settings.CommunityDepth && scoped.Contains(u.Code)).OrderBy(u => u.Code, StringComparer.Ordinal).ToList();

        // Each unit's community: the unit itself at the community depth, or its ancestor there (walked over the scope's tree).
        var byCode = units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        var communityCodes = communities.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        string? CommunityOf(string code)
        {
            for (var u = byCode.GetValueOrDefault(code); u is not null; u = u.ParentCode is { } p ? byCode.GetValueOrDefault(p) : null)
            {
                if (u.Depth == settings.CommunityDepth)
                {
                    return communityCodes.Contains(u.Code) ? u.Code : null;
                }
            }

            return null;
        }

        var homeCodes = inRoot.Where(u => scoped.Contains(u.Code) && u.Depth >= settings.CommunityDepth).Select(u => u.Code).ToList();
        var calendar = await calendars.GetAsync(cancellationToken);
        var fromUtc = calendar.ToUtc(from, TimeOnly.MinValue).UtcDateTime;
        var toUtc = calendar.ToUtc(to.AddDays(1), TimeOnly.MinValue).UtcDateTime;
        DateOnly? last = to;

        var living = await db.Set<PartyMember>().AsNoTracking()
            .Where(m => m.Kind == MemberKind.InService && m.Status == MemberStatus.Active && homeCodes.Contains(m.GridUnitCode))
            .GroupBy(m => m.GridUnitCode).Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var reported = await db.Set<PartyMember>().AsNoTracking()
            .Where(m => m.Kind == MemberKind.InService && m.Status == MemberStatus.Active && homeCodes.Contains(m.GridUnitCode)
                && m.ReportedUnitCode != null && m.ReportedOn <= last)
            .GroupBy(m => m.GridUnitCode).Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var codes = communities.Select(c => c.Code).ToList();
        var given = await db.Set<MemberTask>().AsNoTracking()
            .Where(t => codes.Contains(t.GridUnitCode) && t.CreatedUtc >= fromUtc && t.CreatedUtc < toUtc)
            .GroupBy(t => t.GridUnitCode).Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var done = await db.Set<MemberTask>().AsNoTracking()
            .Where(t => codes.Contains(t.GridUnitCode) && t.CompletedUtc != null && t.CompletedUtc >= fromUtc && t.CompletedUtc < toUtc)
            .GroupBy(t => t.GridUnitCode).Select(g => new { g.Key, Count = g.Count(), Minutes = g.Sum(t => (long)t.Minutes) })
            .ToListAsync(cancellationToken);

        var sums = communities.ToDictionary(c => c.Code, _ => new long[5], StringComparer.Ordinal);
        foreach (var row in living)
        {
            if (CommunityOf(row.Key) is { } c)
            {
                sums[c][0] += row.Count;
            }
        }

        foreach (var row in reported)
        {
            if (CommunityOf(row.Key) is { } c)
            {
                sums[c][1] += row.Count;
            }
        }

        foreach (var row in given)
        {
            sums[row.Key][2] += row.Count;
        }

        foreach (var row in done)
        {
            sums[row.Key][3] += row.Count;
            sums[row.Key][4] += row.Minutes;
        }

        var rows = communities.Select(c => sums[c.Code] is var s ? new ReportingRow(c, (int)s[0], (int)s[1], (int)s[2], (int)s[3], s[4]) : null!).ToList();
        var total = Sum(null, rows);

        // A subtotal per street: the communities' parent (looked up in the grid when the reader's scope stops below it).
        var streets = new List<ReportingStreet>();
        foreach (var group in rows.GroupBy(r => r.Unit!.ParentCode ?? "", StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var street = group.Key.Length == 0 ? null : byCode.GetValueOrDefault(group.Key) ?? await grid.FindAsync(group.Key, cancellationToken);
            var mine = group.ToList();
            streets.Add(new ReportingStreet(street, mine, Sum(street, mine)));
        }

        return new ReportingFigures(root, from, to, rows, total) { Streets = streets };
    }

    private static ReportingRow Sum(GridUnitInfo? unit, IReadOnlyList<ReportingRow> rows) =>
        new(unit, rows.Sum(r => r.Living), rows.Sum(r => r.Reported), rows.Sum(r => r.TasksGiven), rows.Sum(r => r.TasksDone), rows.Sum(r => r.Minutes));
}
