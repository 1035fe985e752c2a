using System.Linq.Expressions;
using System.Security.Claims;
using GovPlatform.Calendars;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.LegalAid.Models;
using GovPlatform.LegalAid.Security;
using GovPlatform.Localization;
using GovPlatform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.LegalAid.Statistics;

/// <summary>
/// The legal service statistics (公共法律服务统计): per station or per unit below the chosen one, for a period, the
/// figures of <see cref="LegalAidFigures"/>. Each kind of record is counted by one SQL <c>GROUP BY</c> on either provider
/// (by station id or by unit code); no record is loaded. The selection is what the user's grid scope covers, in the
/// chosen unit's subtree (<see cref="GridReportUnits"/>), like the mediation statistics.
/// </summary>
public sealed class LegalAidStatistics(
    TenantDbContext db,
    IGridDirectory grid,
    IGridScopeFilter scopeFilter,
    IWorkingCalendarStore calendars,
    IAuthorizationService authorization)
{
    /// <summary>Checks the request against the user's area and computes it; or the errors (and whether the unit is outside the area).</summary>
    public async Task<(StatisticsReport? Report, IReadOnlyDictionary<string, BilingualText> Errors, bool Forbidden)> ComputeAsync(
        StatisticsRequest request, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        var units = await grid.SelectReportUnitsAsync(scopeFilter, request.Unit, user,
            code => authorization.HasPermissionAsync(user, LegalAidPermissions.Statistics, new StatisticsUnit(code)), cancellationToken);
        if (units.Error is { } unitError)
        {
            return (null, new Dictionary<string, BilingualText> { ["unit"] = unitError }, units.Forbidden);
        }

        var calendar = await calendars.GetAsync(cancellationToken);
        var from = calendar.ToUtc(request.From, TimeOnly.MinValue).UtcDateTime;
        var to = calendar.ToUtc(request.To.AddDays(1), TimeOnly.MinValue).UtcDateTime;
        var selection = new Selection(from, to, units.UnitCodes, user);

        // The grid is read before any query (and children before counting) so that nothing else runs on the connection meanwhile.
        var children = units.Anchor is { } anchor ? await grid.GetChildrenAsync(anchor.Code, cancellationToken) : units.Roots;
        var rows = request.Grouping == StatisticsGrouping.Unit
            ? await ByUnitAsync(selection, units.Anchor, children, cancellationToken)
            : await ByStationAsync(selection, cancellationToken);
        var total = rows.Aggregate(LegalAidFigures.Zero, (sum, r) => sum + r.Figures);
        var resolved = request with { Unit = units.Chosen?.Code ?? request.Unit };
        return (new StatisticsReport(resolved, units.Chosen is { } chosen ? UnitName(chosen) : null, rows, total), new Dictionary<string, BilingualText>(), false);
    }

    public static BilingualText UnitName(GridUnitInfo unit) => new(unit.Name, unit.EnglishName is { Length: > 0 } english ? english : unit.Name);

    private async Task<List<StatisticsRow>> ByStationAsync(Selection selection, CancellationToken cancellationToken)
    {
        var counted = await AggregateAsync(selection, c => c.StationId, a => (long?)a.StationId,
            p => p.ProviderKind == ProviderKind.Station ? (long?)p.ProviderId : null, _ => (long?)null, cancellationToken);
        var stations = await db.Set<LegalStation>().AsNoTracking().OrderBy(s => s.Kind).ThenBy(s => s.Name)
            .Select(s => new { s.Id, s.Name, s.EnglishName, s.GridUnitCode }).ToListAsync(cancellationToken);
        var scope = await scopeFilter.GetScopeCodesAsync(selection.User, cancellationToken);
        var rows = new List<StatisticsRow>();
        foreach (var station in stations)
        {
            var figures = counted.GetValueOrDefault(KeyOf(station.Id)) ?? LegalAidFigures.Zero;
            var inArea = (scope is null || scope.Contains(station.GridUnitCode)) && (selection.UnitCodes is null || selection.UnitCodes.Contains(station.GridUnitCode));
            if (inArea || !figures.IsEmpty)
            {
                rows.Add(new StatisticsRow(station.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    new(station.Name, station.EnglishName.Length > 0 ? station.EnglishName : station.Name), figures));
            }
        }

        if (counted.GetValueOrDefault("") is { IsEmpty: false } none)
        {
            rows.Add(new StatisticsRow("", new("无站点（社区法律顾问、夜间接访）", "No station (community advisers, evening receptions)"), none));
        }

        return rows;
    }

    private async Task<List<StatisticsRow>> ByUnitAsync(Selection selection, GridUnitInfo? anchor, IReadOnlyList<GridUnitInfo> children, CancellationToken cancellationToken)
    {
        var builders = children.Select(c => new Builder(c.Code, UnitName(c), c.Code)).ToList();
        var byCode = new Dictionary<string, Builder>(StringComparer.Ordinal);
        for (var i = 0; i < children.Count; i++)
        {
            foreach (var code in await scopeFilter.GetSubtreeCodesAsync(children[i].Code, cancellationToken))
            {
                byCode.TryAdd(code, builders[i]);
            }
        }

        Builder? self = null;
        if (anchor is not null)
        {
            // Records of the unit itself (a street's centre) have a row of their own.
            self = new Builder(anchor.Code, new($"{anchor.Name}（本级）", $"{UnitName(anchor).English} (itself)"));
            foreach (var code in await scopeFilter.GetSubtreeCodesAsync(anchor.Code, cancellationToken))
            {
                byCode.TryAdd(code, self);
            }
        }

        var other = new Builder("", new("未定位到网格", "No grid unit"));
        var counted = await AggregateAsync(selection, c => c.GridUnitCode, a => a.GridUnitCode, p => p.GridUnitCode, code => code, cancellationToken);
        foreach (var (code, figures) in counted)
        {
            (byCode.TryGetValue(code, out var row) ? row : other).Add(figures);
        }

        return [.. builders.Select(b => b.Build()), .. Optional(self), .. Optional(other)];
    }

    private static IEnumerable<StatisticsRow> Optional(Builder? builder) => builder is { Figures.IsEmpty: false } ? [builder.Build()] : [];

    /// <summary>
    /// The figures per key (as text, <c>""</c> for no station or unit), from one grouped query per kind of record.
    /// </summary>
    private async Task<Dictionary<string, LegalAidFigures>> AggregateAsync<TKey>(
        Selection s,
        Expression<Func<Consultation, TKey>> consultationKey,
        Expression<Func<AidApplication, TKey>> applicationKey,
        Expression<Func<Appointment, TKey>> appointmentKey,
        Func<string, TKey> receptionKey,
        CancellationToken cancellationToken)
    {
        var (from, to) = (s.FromUtc, s.ToUtc);
        var result = new Dictionary<string, LegalAidFigures>(StringComparer.Ordinal);
        void Add(TKey key, LegalAidFigures figures)
        {
            var k = KeyOf(key);
            result[k] = result.TryGetValue(k, out var existing) ? existing + figures : figures;
        }

        var consultations = await ScopeAsync(db.Set<Consultation>().AsNoTracking().Where(c => c.HeldUtc >= from && c.HeldUtc < to), c => c.GridUnitCode, s, cancellationToken);
        foreach (var g in await consultations.GroupBy(consultationKey).Select(g => new
        {
            g.Key,
            Appointment = g.Count(c => c.Channel == ConsultationChannel.Appointment),
            WalkIn = g.Count(c => c.Channel == ConsultationChannel.WalkIn),
            Phone = g.Count(c => c.Channel == ConsultationChannel.Phone),
            Online = g.Count(c => c.Channel == ConsultationChannel.Online),
            Petition = g.Count(c => c.Channel == ConsultationChannel.Petition),
            Evening = g.Count(c => c.Channel == ConsultationChannel.EveningReception),
            Advised = g.Count(c => c.Outcome == ConsultationOutcome.Advised),
            Aid = g.Count(c => c.Outcome == ConsultationOutcome.AidApplication),
            Mediation = g.Count(c => c.Outcome == ConsultationOutcome.Mediation),
            Litigation = g.Count(c => c.Outcome == ConsultationOutcome.Litigation),
            Referred = g.Count(c => c.Outcome == ConsultationOutcome.Referred),
        }).ToListAsync(cancellationToken))
        {
            Add(g.Key, LegalAidFigures.Zero with
            {
                ByChannel = [g.Appointment, g.WalkIn, g.Phone, g.Online, g.Petition, g.Evening],
                ByOutcome = [g.Advised, g.Aid, g.Mediation, g.Litigation, g.Referred],
            });
        }

        var applications = await ScopeAsync(db.Set<AidApplication>().AsNoTracking()
            .Where(a => (a.SubmittedUtc >= from && a.SubmittedUtc < to) || (a.DecidedUtc >= from && a.DecidedUtc < to) || (a.ClosedUtc >= from && a.ClosedUtc < to)),
            a => a.GridUnitCode, s, cancellationToken);
        foreach (var g in await applications.GroupBy(applicationKey).Select(g => new
        {
            g.Key,
            Submitted = g.Count(a => a.SubmittedUtc >= from && a.SubmittedUtc < to),
            Granted = g.Count(a => a.DecidedUtc >= from && a.DecidedUtc < to
                && (a.Status == AidStatus.Granted || a.Status == AidStatus.Assigned || a.Status == AidStatus.Closed)),
            Refused = g.Count(a => a.DecidedUtc >= from && a.DecidedUtc < to && a.Status == AidStatus.Refused),
            Closed = g.Count(a => a.ClosedUtc >= from && a.ClosedUtc < to && a.Status == AidStatus.Closed),
        }).ToListAsync(cancellationToken))
        {
            Add(g.Key, LegalAidFigures.Zero with { Submitted = g.Submitted, Granted = g.Granted, Refused = g.Refused, Closed = g.Closed });
        }

        var appointments = await ScopeAsync(db.Set<Appointment>().AsNoTracking().Where(a => a.StartsUtc >= from && a.StartsUtc < to), a => a.GridUnitCode, s, cancellationToken);
        foreach (var g in await appointments.GroupBy(appointmentKey).Select(g => new
        {
            g.Key,
            Booked = g.Count(),
            Kept = g.Count(a => a.Status == AppointmentStatus.Kept),
            Missed = g.Count(a => a.Status == AppointmentStatus.Missed),
            Cancelled = g.Count(a => a.Status == AppointmentStatus.Cancelled),
        }).ToListAsync(cancellationToken))
        {
            Add(g.Key, LegalAidFigures.Zero with { Booked = g.Booked, Kept = g.Kept, Missed = g.Missed, Cancelled = g.Cancelled });
        }

        var receptions = await ScopeAsync(db.Set<EveningReception>().AsNoTracking()
            .Where(r => r.StartsUtc >= from && r.StartsUtc < to && r.Status == ReceptionStatus.Held), r => r.GridUnitCode, s, cancellationToken);
        foreach (var g in await receptions.GroupBy(r => r.GridUnitCode).Select(g => new { g.Key, Held = g.Count() }).ToListAsync(cancellationToken))
        {
            Add(receptionKey(g.Key), LegalAidFigures.Zero with { ReceptionsHeld = g.Held });
        }

        // Matters are counted under their reception's unit.
        var matters = from m in db.Set<ReceptionMatter>().AsNoTracking()
                      join r in receptions on m.ReceptionId equals r.Id
                      select new { r.GridUnitCode, m.Status, m.PetitionId };
        foreach (var g in await matters.GroupBy(m => m.GridUnitCode).Select(g => new
        {
            g.Key,
            Heard = g.Count(m => m.Status == ReceptionMatterStatus.Heard),
            Petitions = g.Count(m => m.PetitionId != null),
        }).ToListAsync(cancellationToken))
        {
            Add(receptionKey(g.Key), LegalAidFigures.Zero with { MattersHeard = g.Heard, PetitionsFiled = g.Petitions });
        }

        return result;
    }

    private ValueTask<IQueryable<T>> ScopeAsync<T>(IQueryable<T> query, Expression<Func<T, string>> unit, Selection s, CancellationToken cancellationToken)
    {
        if (s.UnitCodes is { } codes)
        {
            var list = codes;
            var parameter = unit.Parameters[0];
            var contains = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(string)], Expression.Constant(list, typeof(IEnumerable<string>)), unit.Body);
            query = query.Where(Expression.Lambda<Func<T, bool>>(contains, parameter));
        }

        Expression<Func<T, string?>> nullable = Expression.Lambda<Func<T, string?>>(unit.Body, unit.Parameters);
        return scopeFilter.ApplyAsync(query, nullable, s.User, cancellationToken);
    }

    /// <summary>A group's key as text: a station's id, a unit's code; <c>""</c> for none.</summary>
    private static string KeyOf(object? key) => key switch
    {
        null => "",
        long id => id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => key.ToString() ?? "",
    };

    private sealed record Selection(DateTime FromUtc, DateTime ToUtc, IReadOnlyCollection<string>? UnitCodes, ClaimsPrincipal User);

    private sealed class Builder(string key, BilingualText name, string? drill = null)
    {
        public LegalAidFigures Figures { get; private set; } = LegalAidFigures.Zero;

        public void Add(LegalAidFigures figures) => Figures += figures;

        public StatisticsRow Build() => new(key, name, Figures, drill);
    }

    private sealed record StatisticsUnit(string? GridUnitCode) : IGridScopedResource;
}
