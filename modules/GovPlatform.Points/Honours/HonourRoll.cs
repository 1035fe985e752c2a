using System.Globalization;
using System.Security.Claims;
using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Points.Models;
using GovPlatform.Points.Rewards;
using GovPlatform.Points.Security;
using GovPlatform.Points.Services;
using GovPlatform.Security;
using GovPlatform.Tenants;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Points.Honours;

/// <summary>A period of an honour roll: a month (<c>2026-11</c>) or a year (<c>2026</c>), as UTC bounds of the tenant's local calendar.</summary>
public sealed record HonourPeriod(string Key, DateTime FromUtc, DateTime ToUtc);

/// <summary>One line of a leaderboard.</summary>
/// <param name="Rank">Competition rank: equal points, equal rank (1, 2, 2, 4).</param>
/// <param name="VolunteerId">The volunteer.</param>
/// <param name="Name">Their real name when they consent to appear, otherwise null.</param>
/// <param name="GridUnitCode">Their unit.</param>
/// <param name="Points">Points earned in the period (earns less reversed earns).</param>
/// <param name="Commended">Their commendation on this roll, or null.</param>
public sealed record HonourLine(int Rank, long VolunteerId, string? Name, string GridUnitCode, long Points, Commendation? Commended);

/// <summary>A leaderboard of a unit's subtree for a period.</summary>
public sealed record Leaderboard(GridUnitInfo Unit, HonourPeriod Period, IReadOnlyList<HonourLine> Lines, bool Commended);

/// <summary>
/// Honour rolls (光荣榜): the volunteers of a grid unit's subtree ranked by the points they EARNED in a month or a year
/// (earn entries less the reversals of earns, by the entry's time in the tenant's zone, summed per volunteer in SQL; what
/// they spent or lost to expiry does not lower it). Staff with <see cref="PointsPermissions.Reports"/> over the unit
/// commend the top ten once per unit and period; names appear only with the volunteer's consent.
/// </summary>
public sealed class HonourRoll(TenantDbContext db, IGridDirectory grid, ITenant tenant, IAuthorizationService authorization, IAuditLog audit, TimeProvider clock)
{
    /// <summary>The title of a commendation.</summary>
    public static readonly BilingualText Title = new("优秀志愿者", "Outstanding volunteer");

    /// <summary>How a volunteer who does not consent appears.</summary>
    public static readonly BilingualText Anonymous = new("志愿者（未公开）", "Volunteer (name withheld)");

    /// <summary>How many are commended.</summary>
    public const int TopTen = 10;

    /// <summary>The period of <paramref name="key"/> (<c>2026-11</c> or <c>2026</c>); null when it is neither.</summary>
    public HonourPeriod? Period(string? key)
    {
        var text = key?.Trim() ?? "";
        DateTime from, to;
        if (text.Length == 7 && DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            from = month;
            to = month.AddMonths(1);
        }
        else if (text.Length == 4 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 2000 and <= 2100)
        {
            from = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
            to = from.AddYears(1);
        }
        else
        {
            return null;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone);
        return new HonourPeriod(text, TimeZoneInfo.ConvertTimeToUtc(from, zone), TimeZoneInfo.ConvertTimeToUtc(to, zone));
    }

    /// <summary>The current local month's key (<c>2026-11</c>).</summary>
    public string ThisMonth() =>
        TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone)).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The unit of <paramref name="code"/>, or the grid's top unit when it is empty; null when the grid has no such unit.</summary>
    public async Task<GridUnitInfo?> UnitAsync(string? code, CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrWhiteSpace(code))
        {
            return await grid.FindAsync(code.Trim(), cancellationToken);
        }

        var tops = await grid.GetChildrenAsync(null, cancellationToken);
        return tops.Count > 0 ? tops[0] : null;
    }

    /// <summary>The top <paramref name="top"/> of <paramref name="unit"/>'s subtree in <paramref name="period"/>, with its commendations.</summary>
    public async Task<Leaderboard> LeaderboardAsync(GridUnitInfo unit, HonourPeriod period, int top = TopTen, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(period);
        var codes = await grid.GetSubtreeCodesAsync(unit.Code, cancellationToken);
        var entries = db.Set<PointEntry>().AsNoTracking();
        var from = period.FromUtc;
        var to = period.ToUtc;
        var totals = await entries
            .Where(e => e.CreatedUtc >= from && e.CreatedUtc < to)
            .Where(e => e.Kind == EntryKind.Earn || (e.Kind == EntryKind.Reverse && entries.Any(o => o.Id == e.ReversesId && o.Kind == EntryKind.Earn)))
            .Join(db.Set<Volunteer>().Where(v => codes.Contains(v.GridUnitCode)), e => e.VolunteerId, v => v.Id, (e, v) => e)
            .GroupBy(e => e.VolunteerId)
            .Select(g => new { VolunteerId = g.Key, Points = g.Sum(e => e.Amount) })
            .Where(x => x.Points > 0)
            .OrderByDescending(x => x.Points).ThenBy(x => x.VolunteerId)
            .Take(Math.Clamp(top, 1, 100))
            .ToListAsync(cancellationToken);
        var ids = totals.Select(t => t.VolunteerId).ToList();
        var volunteers = await db.Set<Volunteer>().AsNoTracking().Where(v => ids.Contains(v.Id))
            .Select(v => new { v.Id, v.RealName, v.PublicConsent, v.GridUnitCode }).ToDictionaryAsync(v => v.Id, cancellationToken);
        var commendations = await db.Set<Commendation>().AsNoTracking().Where(c => c.GridUnitCode == unit.Code && c.Period == period.Key).ToListAsync(cancellationToken);
        var byVolunteer = commendations.ToDictionary(c => c.VolunteerId);
        var lines = new List<HonourLine>();
        for (var i = 0; i < totals.Count; i++)
        {
            var rank = i > 0 && totals[i].Points == totals[i - 1].Points ? lines[i - 1].Rank : i + 1;
            var volunteer = volunteers[totals[i].VolunteerId];
            lines.Add(new HonourLine(rank, volunteer.Id, volunteer.PublicConsent ? volunteer.RealName : null, volunteer.GridUnitCode, totals[i].Points, byVolunteer.GetValueOrDefault(volunteer.Id)));
        }

        return new Leaderboard(unit, period, lines, commendations.Count > 0);
    }

    /// <summary>The commendations of a unit's roll for a period, by rank (they stay as commended whatever the ledger does later).</summary>
    public Task<List<Commendation>> CommendationsAsync(string unitCode, string period, CancellationToken cancellationToken = default) =>
        db.Set<Commendation>().AsNoTracking().Where(c => c.GridUnitCode == unitCode && c.Period == period).OrderBy(c => c.Rank).ThenBy(c => c.Id).ToListAsync(cancellationToken);

    /// <summary>
    /// Commends the top ten of <paramref name="unitCode"/>'s roll for <paramref name="periodKey"/> (title 优秀志愿者), once:
    /// a roll already commended is refused and nothing changes. Needs <see cref="PointsPermissions.Reports"/> over the unit.
    /// </summary>
    public async Task<(CatalogStatus Status, BilingualText? Message, int Count)> CommendTopTenAsync(string? unitCode, string? periodKey, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var unit = await UnitAsync(unitCode, cancellationToken);
        if (unit is null)
        {
            return (CatalogStatus.Invalid, new("网格中没有这个单位。", "The grid has no such unit."), 0);
        }

        if (Period(periodKey) is not { } period)
        {
            return (CatalogStatus.Invalid, new("期间应写成 2026-11（月）或 2026（年）。", "The period reads 2026-11 (a month) or 2026 (a year)."), 0);
        }

        if (!await authorization.HasPermissionAsync(user, PointsPermissions.Reports, new ScopedUnit(unit.Code)))
        {
            return (CatalogStatus.Forbidden, new("您不能表彰这个单位的志愿者。", "You may not commend the volunteers of this unit."), 0);
        }

        var already = new BilingualText($"{unit.Name} {period.Key} 的前十名已经表彰过，不能重复表彰。", $"The top ten of {unit.Code} for {period.Key} are already commended; they cannot be commended again.");
        if (await db.Set<Commendation>().AnyAsync(c => c.GridUnitCode == unit.Code && c.Period == period.Key, cancellationToken))
        {
            return (CatalogStatus.Invalid, already, 0);
        }

        // The grid is read (by the leaderboard) before the transaction opens.
        var board = await LeaderboardAsync(unit, period, TopTen, cancellationToken);
        if (board.Lines.Count == 0)
        {
            return (CatalogStatus.Invalid, new("这个期间没有志愿者获得积分，无人可表彰。", "No volunteer earned points in this period: there is no one to commend."), 0);
        }

        var actor = user.Identity?.Name ?? "";
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            await db.InTransactionAsync(async ct =>
            {
                if (await db.Set<Commendation>().AnyAsync(c => c.GridUnitCode == unit.Code && c.Period == period.Key, ct))
                {
                    throw new DbUpdateException("Already commended.");
                }

                db.AddRange(board.Lines.Select(l => new Commendation
                {
                    VolunteerId = l.VolunteerId,
                    GridUnitCode = unit.Code,
                    Period = period.Key,
                    Rank = l.Rank,
                    Points = l.Points,
                    Title = Title.Chinese,
                    CommendedBy = actor,
                    CommendedUtc = now,
                }));
                await db.SaveChangesAsync(ct);
                await audit.RecordAsync(new AuditEvent(PointsLedger.AuditCategory, "commend", $"{unit.Code}:{period.Key}",
                    $"Top {board.Lines.Count} of {unit.Code} for {period.Key} commended: {string.Join(", ", board.Lines.Select(l => $"{l.Rank}. volunteer {l.VolunteerId} ({l.Points})"))}"), ct);
                return true;
            }, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A second commendation at the same instant: the roll's unique index (unit, period, volunteer) let one through.
            db.ChangeTracker.Clear();
            return (CatalogStatus.Invalid, already, 0);
        }

        return (CatalogStatus.Done, null, board.Lines.Count);
    }
}
