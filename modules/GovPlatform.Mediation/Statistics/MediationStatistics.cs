using System.Linq.Expressions;
using System.Security.Claims;
using GovPlatform.Calendars;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Mediation.Models;
using GovPlatform.Mediation.Security;
using GovPlatform.Mediation.Services;
using GovPlatform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Mediation.Statistics;

/// <summary>
/// The mediation statistics (矛盾纠纷统计): for a period, a grid subtree and a grouping, the figures of
/// <see cref="MediationFigures"/> per row and in total. The counting is one SQL <c>GROUP BY</c> on either provider (by
/// location code, body and mediator, type or source); no dispute row is loaded. The few aggregated rows are added up
/// into the rows shown here: every figure is a count, so adding the rows of the codes below a child unit gives exactly
/// that child's figures, and a former code (a unit moved since) finds its unit through the grid's own lookup.
/// </summary>
/// <remarks>
/// The selection is what the user may see (<see cref="DisputeAccess.ScopeAsync"/>), located (<see cref="Dispute.GridUnitCode"/>)
/// in the chosen unit's subtree, and touched by the period: registered before its end and not closed before its
/// start. A dispute closed before the period, or registered after it, is in no figure, so leaving it out loses nothing.
/// </remarks>
internal sealed class MediationStatistics(
    TenantDbContext db,
    IGridDirectory grid,
    IGridScopeFilter scopeFilter,
    DisputeAccess access,
    IWorkingCalendarStore calendars,
    IAuthorizationService authorization)
{
    /// <summary>Checks the request against the user's area and builds the selection (nothing is read yet but the grid).</summary>
    public async Task<StatisticsSelection> SelectAsync(StatisticsRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        var forbidden = false;
        var units = await grid.SelectReportUnitsAsync(scopeFilter, request.Unit, user,
            code => authorization.HasPermissionAsync(user, MediationPermissions.Statistics, new StatisticsUnit(code)), cancellationToken);
        var (anchor, roots, chosen, unitCodes) = (units.Anchor, units.Roots, units.Chosen, units.UnitCodes);
        forbidden = units.Forbidden;
        if (units.Error is { } unitError)
        {
            errors["unit"] = unitError;
        }

        var calendar = await calendars.GetAsync(cancellationToken);
        var fromUtc = calendar.ToUtc(request.From, TimeOnly.MinValue).UtcDateTime;
        var toUtc = calendar.ToUtc(request.To.AddDays(1), TimeOnly.MinValue).UtcDateTime;
        var query = db.Set<Dispute>().AsNoTracking().Where(d => d.RegisteredUtc < toUtc && (d.ClosedUtc == null || d.ClosedUtc >= fromUtc));
        query = await access.ScopeAsync(query, user, cancellationToken);
        if (unitCodes is not null)
        {
            var list = unitCodes;
            query = query.Where(d => EF.Parameter(list).Contains(d.GridUnitCode));
        }

        var resolved = request with { Unit = chosen?.Code ?? (string.IsNullOrWhiteSpace(request.Unit) ? null : request.Unit.Trim()) };
        return new StatisticsSelection(resolved, anchor, roots, chosen, fromUtc, toUtc, query, errors, forbidden);
    }

    /// <summary>Counts the selection's disputes by row. The selection must be valid.</summary>
    public async Task<StatisticsReport> ComputeAsync(StatisticsSelection selection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        if (!selection.IsValid)
        {
            throw new InvalidOperationException("The statistics' selection is not valid.");
        }

        var rows = selection.Request.Grouping switch
        {
            StatisticsGrouping.Mediator => await ByMediatorAsync(selection, cancellationToken),
            StatisticsGrouping.Type => await ByEnumAsync(selection, d => d.Type, MediationNames.Type, cancellationToken),
            StatisticsGrouping.Source => await ByEnumAsync(selection, d => d.Source, MediationNames.Source, cancellationToken),
            _ => await ByUnitAsync(selection, cancellationToken),
        };
        var total = rows.Aggregate(MediationFigures.Zero, (sum, r) => sum + r.Figures);
        var unitName = selection.Chosen is { } chosen ? UnitName(chosen) : (BilingualText?)null;
        return new StatisticsReport(selection.Request, unitName, rows, total);
    }

    /// <summary>The codes, current and former, of a unit and every unit below it.</summary>
    public Task<string[]> SubtreeCodesAsync(string code, CancellationToken cancellationToken) => scopeFilter.GetSubtreeCodesAsync(code, cancellationToken);

    public static BilingualText UnitName(GridUnitInfo unit) => new(unit.Name, unit.EnglishName is { Length: > 0 } english ? english : unit.Name);

    private async Task<List<StatisticsRow>> ByUnitAsync(StatisticsSelection selection, CancellationToken cancellationToken)
    {
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
            // Disputes located at the unit itself (a street-level dispute) have a row of their own.
            self = new Builder(unit.Code, new($"{unit.Name}（本级）", $"{UnitName(unit).English} (itself)"));
            foreach (var code in await SubtreeCodesAsync(unit.Code, cancellationToken))
            {
                byCode.TryAdd(code, self);
            }
        }

        var other = new Builder("", new("未定位到网格", "No grid unit"));
        foreach (var (code, figures) in await AggregateAsync(selection, d => d.GridUnitCode, cancellationToken))
        {
            (code is not null && byCode.TryGetValue(code, out var row) ? row : other).Add(figures);
        }

        return [.. rows.Select(r => r.Build()), .. Optional(self), .. Optional(other)];
    }

    private async Task<List<StatisticsRow>> ByMediatorAsync(StatisticsSelection selection, CancellationToken cancellationToken)
    {
        var counted = await AggregateAsync(selection, d => new { d.BodyId, d.MediatorId }, cancellationToken);
        var bodyIds = counted.Select(c => c.Key.BodyId).OfType<long>().Distinct().ToArray();
        var mediatorIds = counted.Select(c => c.Key.MediatorId).OfType<long>().Distinct().ToArray();
        var bodies = await db.Set<MediationBody>().AsNoTracking().Where(b => bodyIds.Contains(b.Id))
            .ToDictionaryAsync(b => b.Id, b => new BilingualText(b.Name, b.EnglishName is { Length: > 0 } e ? e : b.Name), cancellationToken);
        var mediators = await db.Set<Mediator>().AsNoTracking().Where(m => mediatorIds.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => m.Name, cancellationToken);
        BilingualText Name(long? bodyId, long? mediatorId)
        {
            var body = bodyId is { } b && bodies.TryGetValue(b, out var bodyName) ? bodyName : (BilingualText?)null;
            if (mediatorId is { } m && mediators.TryGetValue(m, out var mediator))
            {
                return body is { } n ? new($"{mediator}（{n.Chinese}）", $"{mediator} ({n.English})") : new(mediator, mediator);
            }

            return body is { } only ? new($"{only.Chinese}（未指定主调解员）", $"{only.English} (no lead mediator)") : new("未指派调解", "Not assigned");
        }

        // Assigned rows by body then mediator name; the unassigned last.
        return [.. counted
            .Select(c => new StatisticsRow($"{c.Key.BodyId}:{c.Key.MediatorId}", Name(c.Key.BodyId, c.Key.MediatorId), c.Figures))
            .OrderBy(r => r.Key == ":" ? 1 : 0)
            .ThenBy(r => r.Name.Chinese, StringComparer.Ordinal)];
    }

    private static async Task<List<StatisticsRow>> ByEnumAsync<TEnum>(
        StatisticsSelection selection, Expression<Func<Dispute, TEnum>> key, Func<TEnum, BilingualText> name, CancellationToken cancellationToken)
        where TEnum : struct, Enum
    {
        var counted = (await AggregateAsync(selection, key, cancellationToken)).ToDictionary(c => c.Key, c => c.Figures);
        return [.. Enum.GetValues<TEnum>().Select(v => new StatisticsRow(v.ToString().ToLowerInvariant(), name(v), counted.GetValueOrDefault(v) ?? MediationFigures.Zero))];
    }

    /// <summary>The figures per key, counted by the database in one grouped query.</summary>
    private static async Task<List<(TKey Key, MediationFigures Figures)>> AggregateAsync<TKey>(
        StatisticsSelection selection, Expression<Func<Dispute, TKey>> key, CancellationToken cancellationToken)
    {
        const DisputeStatus settled = DisputeStatus.Settled;
        const DisputeStatus failed = DisputeStatus.Failed;
        const DisputeStatus withdrawn = DisputeStatus.Withdrawn;
        const RiskLevel high = RiskLevel.High;
        var (from, to) = (selection.FromUtc, selection.ToUtc);

        // The selection already holds only disputes registered before `to` and not closed before `from`.
        var rows = await selection.Query.GroupBy(key).Select(g => new
        {
            g.Key,
            Found = g.Count(d => d.RegisteredUtc >= from),
            Settled = g.Count(d => d.Status == settled && d.ClosedUtc < to),
            Failed = g.Count(d => d.Status == failed && d.ClosedUtc < to),
            Withdrawn = g.Count(d => d.Status == withdrawn && d.ClosedUtc < to),
            Open = g.Count(d => d.ClosedUtc == null || d.ClosedUtc >= to),
            HighRisk = g.Count(d => d.RegisteredUtc >= from && d.Risk == high),
            Escalated = g.Count(d => d.RegisteredUtc >= from && d.EscalationCount > 0),
        }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.Key, new MediationFigures
        {
            Found = r.Found,
            Settled = r.Settled,
            Failed = r.Failed,
            Withdrawn = r.Withdrawn,
            Open = r.Open,
            HighRisk = r.HighRisk,
            Escalated = r.Escalated,
        }))];
    }

    /// <summary>A row shown only when something falls in it.</summary>
    private static IEnumerable<StatisticsRow> Optional(Builder? builder) =>
        builder is { Figures.IsEmpty: false } ? [builder.Build()] : [];

    private sealed class Builder(string key, BilingualText name, string? drill = null)
    {
        public MediationFigures Figures { get; private set; } = MediationFigures.Zero;

        public void Add(MediationFigures figures) => Figures += figures;

        public StatisticsRow Build() => new(key, name, Figures, drill);
    }

    /// <summary>A unit as the resource of the grid-scoped statistics permission.</summary>
    private sealed record StatisticsUnit(string? GridUnitCode) : IGridScopedResource;
}

/// <summary>A checked statistics request: the disputes it covers, as a query not yet run.</summary>
/// <param name="Request">The request, with the chosen unit's current code.</param>
/// <param name="Anchor">The unit whose children are the rows of the unit grouping, or null when the rows are <paramref name="Roots"/>.</param>
/// <param name="Roots">The rows of the unit grouping when there is no single unit above them.</param>
/// <param name="Chosen">The unit the statistics are confined to, or null for everything the user may see.</param>
/// <param name="FromUtc">The first instant of the period.</param>
/// <param name="ToUtc">The instant after the period.</param>
/// <param name="Query">The disputes of the selection (in scope and unit, touched by the period).</param>
/// <param name="Errors">What is wrong, by field; empty when valid.</param>
/// <param name="Forbidden">The chosen unit is outside the user's area.</param>
internal sealed record StatisticsSelection(
    StatisticsRequest Request,
    GridUnitInfo? Anchor,
    IReadOnlyList<GridUnitInfo> Roots,
    GridUnitInfo? Chosen,
    DateTime FromUtc,
    DateTime ToUtc,
    IQueryable<Dispute> Query,
    IReadOnlyDictionary<string, BilingualText> Errors,
    bool Forbidden)
{
    public bool IsValid => Errors.Count == 0;
}
