using System.Linq.Expressions;
using System.Security.Claims;
using GovPlatform.Calendars;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Petitions.Models;
using GovPlatform.Petitions.Security;
using GovPlatform.Petitions.Services;
using GovPlatform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Petitions.Ledger;

/// <summary>
/// The ledger's statistics (台账统计): for a grid subtree, a period of receipt and a grouping, the figures of
/// <see cref="LedgerFigures"/> per group and in total. The counting is one SQL <c>GROUP BY</c> on either provider; no
/// petition row is loaded. The query groups by the petition's unit code, its category code or its month of receipt, and
/// the few aggregated rows that come back (one per code or month) are added up into the groups here: every figure is
/// a count or a sum, so adding the rows of the codes below a child unit gives exactly that child's figures, and a code
/// the grid knows only as a former code (a unit moved since) finds its unit through the grid's own lookup.
/// </summary>
/// <remarks>
/// A petition's unit, for the ledger, is where the matter is (<see cref="Petition.GridUnitCode"/>), or, when it was
/// filed without a place, the unit that has it (<see cref="Petition.HandlingUnitCode"/>). The selection is further
/// confined to what the user may see (<see cref="PetitionScope"/>).
/// </remarks>
internal sealed class PetitionStatistics(
    TenantDbContext db,
    IGridDirectory grid,
    IGridScopeFilter scopeFilter,
    PetitionScope scope,
    PetitionCatalogCache catalogs,
    IWorkingCalendarStore calendars,
    IAuthorizationService authorization,
    TimeProvider clock)
{
    /// <summary>The longest period a ledger covers (ten years and a few days), so a month grouping stays a short CASE.</summary>
    public const int MaxDays = 3660;

    /// <summary>Checks the request against the user's scope and builds the selection (nothing is read yet but the grid).</summary>
    public async Task<LedgerSelection> SelectAsync(LedgerRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        var forbidden = false;
        if (request.To < request.From)
        {
            errors["to"] = new("结束日期不能早于开始日期。", "The end date cannot be before the start date.");
        }
        else if (request.To.DayNumber - request.From.DayNumber >= MaxDays)
        {
            errors["to"] = new("统计期间不能超过 10 年。", "The period can be at most 10 years.");
        }

        var units = await grid.SelectReportUnitsAsync(scopeFilter, request.Unit, user,
            code => authorization.HasPermissionAsync(user, PetitionPermissions.Ledger, new LedgerUnit(code)), cancellationToken);
        var (anchor, roots, chosen, unitCodes) = (units.Anchor, units.Roots, units.Chosen, units.UnitCodes);
        forbidden = units.Forbidden;
        if (units.Error is { } unitError)
        {
            errors["unit"] = unitError;
        }

        var calendar = await calendars.GetAsync(cancellationToken);
        var valid = errors.Count == 0;
        var fromUtc = calendar.ToUtc(request.From, TimeOnly.MinValue).UtcDateTime;
        var toUtc = valid ? calendar.ToUtc(request.To.AddDays(1), TimeOnly.MinValue).UtcDateTime : fromUtc;
        var query = db.Set<Petition>().AsNoTracking().Where(p => p.ReceivedUtc >= fromUtc && p.ReceivedUtc < toUtc);
        query = await scope.ApplyAsync(query, user, cancellationToken);
        if (unitCodes is not null)
        {
            // Written as two tests rather than one COALESCE so that the (unit, received) index serves the first.
            var list = unitCodes;
            query = query.Where(p => EF.Parameter(list).Contains(p.GridUnitCode!)
                || (p.GridUnitCode == null && EF.Parameter(list).Contains(p.HandlingUnitCode!)));
        }

        var resolved = request with { Unit = chosen?.Code ?? (string.IsNullOrWhiteSpace(request.Unit) ? null : request.Unit.Trim()) };
        return new LedgerSelection(resolved, anchor, roots, chosen, fromUtc, toUtc, query, errors, forbidden);
    }

    /// <summary>Counts the selection's petitions by group. The selection must be valid.</summary>
    public async Task<LedgerReport> ComputeAsync(LedgerSelection selection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        if (!selection.IsValid)
        {
            throw new InvalidOperationException("The ledger's selection is not valid.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var groups = selection.Request.Grouping switch
        {
            LedgerGrouping.Category => await ByCategoryAsync(selection, now, cancellationToken),
            LedgerGrouping.Month => await ByMonthAsync(selection, now, cancellationToken),
            _ => await ByUnitAsync(selection, now, cancellationToken),
        };
        var total = groups.Aggregate(LedgerFigures.Zero, (sum, g) => sum + g.Figures);
        var unitName = selection.Chosen is { } chosen ? UnitName(chosen) : (BilingualText?)null;
        return new LedgerReport(selection.Request, unitName, groups, total, now);
    }

    /// <summary>The codes, current and former, of a unit and every unit below it.</summary>
    public Task<string[]> SubtreeCodesAsync(string code, CancellationToken cancellationToken) => scopeFilter.GetSubtreeCodesAsync(code, cancellationToken);

    public static BilingualText UnitName(GridUnitInfo unit) => new(unit.Name, unit.EnglishName is { Length: > 0 } english ? english : unit.Name);

    private async Task<List<LedgerGroup>> ByUnitAsync(LedgerSelection selection, DateTime now, CancellationToken cancellationToken)
    {
        var children = selection.Anchor is { } anchor ? await grid.GetChildrenAsync(anchor.Code, cancellationToken) : selection.Roots;
        var (from, to) = (selection.Request.From, selection.Request.To);
        var groups = children.Select(c => new Builder(c.Code, UnitName(c), from, to) { Drill = true }).ToList();
        var byCode = new Dictionary<string, Builder>(StringComparer.Ordinal);
        for (var i = 0; i < children.Count; i++)
        {
            foreach (var code in await SubtreeCodesAsync(children[i].Code, cancellationToken))
            {
                byCode.TryAdd(code, groups[i]);
            }
        }

        Builder? self = null;
        if (selection.Anchor is { } unit)
        {
            // Petitions at the unit itself (a street-level matter, a case filed without a place) have a row of their own.
            self = new Builder(unit.Code, new($"{unit.Name}（本级）", $"{UnitName(unit).English} (itself)"), from, to);
            foreach (var code in await SubtreeCodesAsync(unit.Code, cancellationToken))
            {
                byCode.TryAdd(code, self);
            }
        }

        var other = new Builder("", new("未定位到网格", "No grid unit"), from, to);
        var rows = await AggregateAsync(selection.Query, p => p.GridUnitCode ?? p.HandlingUnitCode, now, cancellationToken);
        foreach (var (code, figures) in rows)
        {
            (code is not null && byCode.TryGetValue(code, out var group) ? group : other).Add(figures);
        }

        return [.. groups.Select(g => g.Build()), .. Optional(self), .. Optional(other)];
    }

    private async Task<List<LedgerGroup>> ByCategoryAsync(LedgerSelection selection, DateTime now, CancellationToken cancellationToken)
    {
        var catalog = await catalogs.GetAsync(db, cancellationToken);
        var (from, to) = (selection.Request.From, selection.Request.To);
        var roots = catalog.Roots.Select(c => new Builder(c.Code, new(c.Name, c.EnglishName is { Length: > 0 } e ? e : c.Name), from, to) { Hidden = !c.Active }).ToList();
        var byCode = roots.ToDictionary(r => r.Key, StringComparer.Ordinal);
        var other = new Builder("", new("其他类别", "Other categories"), from, to);
        var rows = await AggregateAsync(selection.Query, p => p.CategoryCode, now, cancellationToken);
        foreach (var (code, figures) in rows)
        {
            var root = catalog.Find(code) is { } category ? category.ParentCode ?? category.Code : null;
            (root is not null && byCode.TryGetValue(root, out var group) ? group : other).Add(figures);
        }

        return [.. roots.Where(r => !r.Hidden || r.Figures.Received > 0).Select(r => r.Build()), .. Optional(other)];
    }

    private async Task<List<LedgerGroup>> ByMonthAsync(LedgerSelection selection, DateTime now, CancellationToken cancellationToken)
    {
        var calendar = await calendars.GetAsync(cancellationToken);
        var (from, to) = (selection.Request.From, selection.Request.To);
        var months = new List<Builder>();
        for (var first = new DateOnly(from.Year, from.Month, 1); first <= to; first = first.AddMonths(1))
        {
            var start = first < from ? from : first;
            var last = first.AddMonths(1).AddDays(-1);
            var key = first.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
            months.Add(new Builder(key, new($"{first.Year}年{first.Month}月", key), start, last < to ? last : to));
        }

        // month = the number of month starts (after the first) at or before the receipt: a CASE over the tenant-local
        // month boundaries as UTC instants, which keeps daylight saving right on both providers.
        var bounds = new Bounds([.. months.Skip(1).Select(m => calendar.ToUtc(m.From, TimeOnly.MinValue).UtcDateTime).Append(selection.ToUtc)]);
        var petition = Expression.Parameter(typeof(Petition), "p");
        var received = Expression.Property(petition, nameof(Petition.ReceivedUtc));
        var array = Expression.Property(Expression.Constant(bounds), nameof(Bounds.Starts));
        Expression body = Expression.Constant(bounds.Starts.Length);
        for (var i = bounds.Starts.Length - 1; i >= 0; i--)
        {
            body = Expression.Condition(Expression.LessThan(received, Expression.ArrayIndex(array, Expression.Constant(i))), Expression.Constant(i), body);
        }

        var rows = await AggregateAsync(selection.Query, Expression.Lambda<Func<Petition, int>>(body, petition), now, cancellationToken);
        var other = new Builder("", new("期间外", "Outside the period"), from, to);
        foreach (var (index, figures) in rows)
        {
            (index < months.Count ? months[index] : other).Add(figures);
        }

        return [.. months.Select(m => m.Build()), .. Optional(other)];
    }

    /// <summary>The figures per key, counted by the database in one grouped query.</summary>
    private static async Task<List<(TKey Key, LedgerFigures Figures)>> AggregateAsync<TKey>(
        IQueryable<Petition> query, Expression<Func<Petition, TKey>> key, DateTime now, CancellationToken cancellationToken)
    {
        const PetitionStage rejected = PetitionStage.Rejected;
        const PetitionStage merged = PetitionStage.Merged;
        const PetitionStage evaluated = PetitionStage.Evaluate;
        var rows = await query.GroupBy(key).Select(g => new
        {
            g.Key,
            Received = g.Count(),
            Evaluated = g.Count(p => p.Stage == evaluated),
            Rejected = g.Count(p => p.Stage == rejected),
            Merged = g.Count(p => p.Stage == merged),
            Completed = g.Count(p => p.Stage != rejected && p.Stage != merged && p.CompletedUtc != null),
            OnTime = g.Count(p => p.Stage != rejected && p.Stage != merged && p.CompletedUtc != null && p.DueUtc != null && p.CompletedUtc <= p.DueUtc),
            Late = g.Count(p => p.Stage != rejected && p.Stage != merged && p.CompletedUtc != null && p.DueUtc != null && p.CompletedUtc > p.DueUtc),
            OpenOverdue = g.Count(p => p.Stage != rejected && p.Stage != merged && p.CompletedUtc == null && p.DueUtc != null && p.DueUtc < now),
            Rated = g.Count(p => p.Satisfaction != null),
            Satisfied = g.Count(p => p.Satisfaction >= 4),
            SatisfactionSum = g.Sum(p => p.Satisfaction ?? 0),
            ResolvedAnswered = g.Count(p => p.Satisfaction != null && p.Resolved != null),
            Resolved = g.Count(p => p.Satisfaction != null && p.Resolved == true),
        }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.Key, new LedgerFigures
        {
            Received = r.Received,
            Evaluated = r.Evaluated,
            Rejected = r.Rejected,
            Merged = r.Merged,
            Completed = r.Completed,
            OnTime = r.OnTime,
            Late = r.Late,
            OpenOverdue = r.OpenOverdue,
            Rated = r.Rated,
            Satisfied = r.Satisfied,
            SatisfactionSum = r.SatisfactionSum,
            ResolvedAnswered = r.ResolvedAnswered,
            Resolved = r.Resolved,
        }))];
    }

    /// <summary>A row that is shown only when something falls in it.</summary>
    private static IEnumerable<LedgerGroup> Optional(Builder? builder) =>
        builder is { Figures.Received: > 0 } ? [builder.Build()] : [];

    private sealed class Builder(string key, BilingualText name, DateOnly from, DateOnly to)
    {
        public string Key => key;

        public DateOnly From => from;

        public bool Hidden { get; init; }

        public bool Drill { get; init; }

        public LedgerFigures Figures { get; private set; } = LedgerFigures.Zero;

        public void Add(LedgerFigures figures) => Figures += figures;

        public LedgerGroup Build() => new(key, name, Figures, from, to, Drill ? key : null);
    }

    /// <summary>The month boundaries, read by the query as parameters.</summary>
    private sealed record Bounds(DateTime[] Starts);

    /// <summary>A unit as the resource of the grid-scoped ledger permission.</summary>
    private sealed record LedgerUnit(string? GridUnitCode) : IGridScopedResource;
}

/// <summary>A checked ledger request: the petitions it covers, as a query not yet run, and how to group them.</summary>
/// <param name="Request">The request, with the chosen unit's current code.</param>
/// <param name="Anchor">The unit whose children are the rows of the unit grouping, or null when the rows are <paramref name="Roots"/>.</param>
/// <param name="Roots">The rows of the unit grouping when there is no single unit above them (a user of several units, several top units).</param>
/// <param name="Chosen">The unit the ledger is confined to, or null for everything the user may see.</param>
/// <param name="FromUtc">The first instant of the period (the local midnight starting its first day).</param>
/// <param name="ToUtc">The instant after the period (the local midnight after its last day).</param>
/// <param name="Query">The petitions of the selection.</param>
/// <param name="Errors">What is wrong with the request, by field (<c>unit</c>, <c>from</c>, <c>to</c>); empty when valid.</param>
/// <param name="Forbidden">The chosen unit is outside the user's area.</param>
internal sealed record LedgerSelection(
    LedgerRequest Request,
    GridUnitInfo? Anchor,
    IReadOnlyList<GridUnitInfo> Roots,
    GridUnitInfo? Chosen,
    DateTime FromUtc,
    DateTime ToUtc,
    IQueryable<Petition> Query,
    IReadOnlyDictionary<string, BilingualText> Errors,
    bool Forbidden)
{
    public bool IsValid => Errors.Count == 0;
}
