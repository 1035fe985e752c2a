using System.Security.Claims;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Points.Models;
using GovPlatform.Points.Security;
using GovPlatform.Security;
using GovPlatform.Tenants;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Points.Reports;

/// <summary>
/// The points report (积分报表): for a period and a grid subtree, the figures of <see cref="PointsFigures"/> per unit
/// directly below the chosen one (each unit's whole subtree) and in total. Each figure is one SQL <c>GROUP BY</c> on
/// either provider (by unit code; the active volunteers by unit code and volunteer, so that a volunteer counts once per
/// row and once in the total); no entry is loaded. The few grouped rows are added up into the units shown here, the
/// codes of a subtree found through the grid's own lookup (so a unit's former codes count with it).
/// </summary>
internal sealed class PointsReport(TenantDbContext db, IGridDirectory grid, IGridScopeFilter scopeFilter, ITenant tenant, IAuthorizationService authorization)
{
    /// <summary>Checks the request against the user's area and builds the selection (nothing is read yet but the grid).</summary>
    public async Task<PointsReportSelection> SelectAsync(PointsReportRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        var forbidden = false;
        var units = await grid.SelectReportUnitsAsync(scopeFilter, request.Unit, user,
            code => authorization.HasPermissionAsync(user, PointsPermissions.Reports, new ReportUnit(code)), cancellationToken);
        var (anchor, roots, chosen, codes) = (units.Anchor, units.Roots, units.Chosen, units.UnitCodes);
        forbidden = units.Forbidden;
        if (units.Error is { } unitError)
        {
            errors["unit"] = unitError;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone);
        var fromUtc = TimeZoneInfo.ConvertTimeToUtc(request.From.ToDateTime(TimeOnly.MinValue), zone);
        var toUtc = TimeZoneInfo.ConvertTimeToUtc(request.To.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
        return new PointsReportSelection(request with { Unit = chosen?.Code ?? request.Unit }, anchor, roots, chosen, fromUtc, toUtc, codes, errors, forbidden);
    }

    /// <summary>Computes the figures of a valid selection.</summary>
    public async Task<PointsReportResult> ComputeAsync(PointsReportSelection selection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        if (!selection.IsValid)
        {
            throw new InvalidOperationException("The report's selection is not valid.");
        }

        // Rows first (the grid), then the grouped queries.
        var children = selection.Anchor is { } anchor ? await grid.GetChildrenAsync(anchor.Code, cancellationToken) : selection.Roots;
        var rows = children.Select(c => new Builder(c.Code, UnitName(c), c.Code)).ToList();
        var byCode = new Dictionary<string, Builder>(StringComparer.Ordinal);
        for (var i = 0; i < children.Count; i++)
        {
            foreach (var code in await SubtreeCodesAsync(children[i].Code, cancellationToken))
            {
                byCode.TryAdd(code, rows[i]);
            }
        }

        Builder? self = null;
        if (selection.Anchor is { } unit)
        {
            self = new Builder(unit.Code, new($"{unit.Name}（本级）", $"{UnitName(unit).English} (itself)"));
            foreach (var code in await SubtreeCodesAsync(unit.Code, cancellationToken))
            {
                byCode.TryAdd(code, self);
            }
        }

        var other = new Builder("", new("未定位到网格", "No grid unit"));
        Builder Row(string? code) => code is not null && byCode.TryGetValue(code, out var row) ? row : other;

        var (from, to, codes) = (selection.FromUtc, selection.ToUtc, selection.Codes);
        const ActivityStatus completed = ActivityStatus.Completed;
        const EntryKind earn = EntryKind.Earn;
        const EntryKind redeem = EntryKind.Redeem;
        const EntryKind reverse = EntryKind.Reverse;
        const OrderStatus cancelled = OrderStatus.Cancelled;

        var activities = db.Set<Activity>().AsNoTracking().Where(a => a.Status == completed && a.StartsUtc >= from && a.StartsUtc < to);
        var entries = db.Set<PointEntry>().AsNoTracking().Where(e => e.CreatedUtc >= from && e.CreatedUtc < to);
        var orders = db.Set<RedemptionOrder>().AsNoTracking();
        if (codes is not null)
        {
            activities = activities.Where(a => EF.Parameter(codes).Contains(a.GridUnitCode));
            orders = orders.Where(o => EF.Parameter(codes).Contains(o.GridUnitCode));
        }

        var earnEntries = codes is null ? entries : entries.Where(e => EF.Parameter(codes).Contains(e.GridUnitCode!));

        foreach (var g in await activities.GroupBy(a => a.GridUnitCode).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken))
        {
            Row(g.Key).Activities += g.Count;
        }

        var active = await earnEntries.Where(e => e.Kind == earn).GroupBy(e => new { e.GridUnitCode, e.VolunteerId }).Select(g => g.Key).ToListAsync(cancellationToken);
        foreach (var pair in active)
        {
            Row(pair.GridUnitCode).Volunteers.Add(pair.VolunteerId);
        }

        var all = db.Set<PointEntry>();
        var issued = await earnEntries
            .Where(e => e.Kind == earn || (e.Kind == reverse && all.Any(o => o.Id == e.ReversesId && o.Kind == earn)))
            .GroupBy(e => e.GridUnitCode).Select(g => new { g.Key, Sum = g.Sum(e => e.Amount) }).ToListAsync(cancellationToken);
        foreach (var g in issued)
        {
            Row(g.Key).Issued += g.Sum;
        }

        // Redemptions carry the order's id; the order carries the unit. Reversals of a redemption (a cancelled order)
        // carry the same source, and give the points back.
        var redeemed = await (
            from e in entries
            where e.SourceType == "order" && (e.Kind == redeem || e.Kind == reverse)
            join o in orders on e.SourceId equals (long?)o.Id
            group e by o.GridUnitCode into g
            select new { g.Key, Sum = g.Sum(e => -e.Amount) }).ToListAsync(cancellationToken);
        foreach (var g in redeemed)
        {
            Row(g.Key).Redeemed += g.Sum;
        }

        var values = await orders.Where(o => o.PlacedUtc >= from && o.PlacedUtc < to && o.Status != cancelled)
            .GroupBy(o => o.GridUnitCode).Select(g => new { g.Key, Sum = g.Sum(o => o.ValueFen) }).ToListAsync(cancellationToken);
        foreach (var g in values)
        {
            Row(g.Key).ValueFen += g.Sum;
        }

        var built = rows.Select(r => r.Build()).ToList();
        if (self is { IsEmpty: false })
        {
            built.Add(self.Build());
        }

        if (!other.IsEmpty)
        {
            built.Add(other.Build());
        }

        var everyone = rows.Append(self).Append(other).OfType<Builder>().SelectMany(b => b.Volunteers).ToHashSet();
        var total = new PointsFigures
        {
            ActivitiesHeld = built.Sum(r => r.Figures.ActivitiesHeld),
            VolunteersActive = everyone.Count,
            PointsIssued = built.Sum(r => r.Figures.PointsIssued),
            PointsRedeemed = built.Sum(r => r.Figures.PointsRedeemed),
            RedemptionValueFen = built.Sum(r => r.Figures.RedemptionValueFen),
        };
        var unitName = selection.Chosen is { } chosen ? UnitName(chosen) : (BilingualText?)null;
        return new PointsReportResult(selection.Request, unitName, built, total);
    }

    /// <summary>The codes, current and former, of a unit and every unit below it.</summary>
    public Task<string[]> SubtreeCodesAsync(string code, CancellationToken cancellationToken) => scopeFilter.GetSubtreeCodesAsync(code, cancellationToken);

    public static BilingualText UnitName(GridUnitInfo unit) => new(unit.Name, unit.EnglishName is { Length: > 0 } english ? english : unit.Name);

    private sealed class Builder(string key, BilingualText name, string? drill = null)
    {
        public long Activities { get; set; }

        public HashSet<long> Volunteers { get; } = [];

        public long Issued { get; set; }

        public long Redeemed { get; set; }

        public long ValueFen { get; set; }

        public bool IsEmpty => Activities == 0 && Volunteers.Count == 0 && Issued == 0 && Redeemed == 0 && ValueFen == 0;

        public PointsReportRow Build() => new(key, name, new PointsFigures
        {
            ActivitiesHeld = Activities,
            VolunteersActive = Volunteers.Count,
            PointsIssued = Issued,
            PointsRedeemed = Redeemed,
            RedemptionValueFen = ValueFen,
        }, drill);
    }

    /// <summary>A unit as the resource of the grid-scoped reports permission.</summary>
    private sealed record ReportUnit(string? GridUnitCode) : IGridScopedResource;
}

/// <summary>A checked report request.</summary>
/// <param name="Request">The request, with the chosen unit's current code.</param>
/// <param name="Anchor">The unit whose children are the rows, or null when the rows are <paramref name="Roots"/>.</param>
/// <param name="Roots">The rows when there is no single unit above them.</param>
/// <param name="Chosen">The unit the report is confined to, or null for everything the user may see.</param>
/// <param name="FromUtc">The first instant of the period.</param>
/// <param name="ToUtc">The instant after the period.</param>
/// <param name="Codes">The unit codes the report counts, or null for the whole tenant.</param>
/// <param name="Errors">What is wrong, by field; empty when valid.</param>
/// <param name="Forbidden">The chosen unit is outside the user's area.</param>
internal sealed record PointsReportSelection(
    PointsReportRequest Request,
    GridUnitInfo? Anchor,
    IReadOnlyList<GridUnitInfo> Roots,
    GridUnitInfo? Chosen,
    DateTime FromUtc,
    DateTime ToUtc,
    string[]? Codes,
    IReadOnlyDictionary<string, BilingualText> Errors,
    bool Forbidden)
{
    public bool IsValid => Errors.Count == 0;
}
