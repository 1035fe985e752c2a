using System.Globalization;
using System.Security.Claims;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Petitions.Loop;
using GovPlatform.Petitions.Models;
using GovPlatform.Petitions.Security;
using GovPlatform.Petitions.Services;
using GovPlatform.Security;
using GovPlatform.Tenants;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Petitions.Endpoints;

/// <summary>
/// The staff side's reads: the workbench list (one filtered, paged projection in SQL, confined to the user's scope),
/// the case page's data, and which units a user picks from.
/// </summary>
internal sealed class PetitionWorkbench(
    TenantDbContext db,
    PetitionScope scope,
    IGridScopeFilter scopeFilter,
    IGridDirectory grid,
    PetitionCatalogCache catalogs,
    PetitionSettingsStore settingsStore,
    PetitionWorkflow workflow,
    IEnumerable<IPetitionRoom> rooms,
    IAuthorizationService authorization,
    ITenant tenant,
    TimeProvider clock)
{
    public const int PageSize = 25;

    /// <summary>The petition <paramref name="id"/> when the user may see it: located in or handled by a unit of their scope; else null (as for another tenant's id).</summary>
    public async Task<Petition?> FindVisibleAsync(long id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var query = await scope.ApplyAsync(db.Set<Petition>().AsNoTracking().Where(p => p.Id == id), user, cancellationToken);
        return await query.FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<WorkbenchModel> ListAsync(WorkbenchFilter filter, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var catalog = await catalogs.GetAsync(db, cancellationToken);
        var query = await scope.ApplyAsync(db.Set<Petition>().AsNoTracking(), user, cancellationToken);

        switch (filter.View)
        {
            case WorkbenchFilter.Mine:
                var me = user.Identity?.Name ?? "";
                var own = await OwnUnitsAsync(user, cancellationToken);
                query = query.Where(p => p.ClosedUtc == null && (p.FirstResponder == me || EF.Parameter(own).Contains(p.HandlingUnitCode!)));
                break;
            case WorkbenchFilter.Grid:
                query = query.Where(p => p.ClosedUtc == null);
                break;
            case WorkbenchFilter.Overdue:
                query = query.Where(p => p.ClosedUtc == null && p.CompletedUtc == null && p.DueUtc != null && p.DueUtc < now);
                break;
            case WorkbenchFilter.DueSoon:
                query = query.Where(p => p.ClosedUtc == null && p.CompletedUtc == null && p.WarnAtUtc != null && p.WarnAtUtc <= now && p.DueUtc != null && p.DueUtc > now);
                break;
        }

        if (filter.Stage is { } stage)
        {
            query = query.Where(p => p.Stage == stage);
        }

        if (filter.Channel is { } channel)
        {
            query = query.Where(p => p.Channel == channel);
        }

        if (filter.Category is { } category)
        {
            // A category stands for itself and its items.
            var categories = catalog.ItemsOf(category).Select(c => c.Code).Append(category).ToArray();
            query = query.Where(p => EF.Parameter(categories).Contains(p.CategoryCode));
        }

        if (filter.Unit is { } unit)
        {
            if (await grid.FindAsync(unit, cancellationToken) is null)
            {
                filter.Errors["unit"] = new("没有这个网格。", "There is no such grid unit.");
            }

            // The scope filter's code set of a user confined to this one unit: its subtree with the former codes
            // of every unit in it, so that records filed before a move are found too.
            var confined = new ClaimsPrincipal(new ClaimsIdentity([new Claim(GovClaimTypes.GridUnit, unit)]));
            var codes = (await scopeFilter.GetScopeCodesAsync(confined, cancellationToken) ?? new HashSet<string>()).Order(StringComparer.Ordinal).ToArray();
            query = query.Where(p => EF.Parameter(codes).Contains(p.GridUnitCode!) || EF.Parameter(codes).Contains(p.HandlingUnitCode!));
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone);
        if (filter.From is { } from)
        {
            var start = Utc(from, zone);
            query = query.Where(p => p.ReceivedUtc >= start);
        }

        if (filter.To is { } to)
        {
            var end = Utc(to.AddDays(1), zone);
            query = query.Where(p => p.ReceivedUtc < end);
        }

        if (filter.Text is { } text)
        {
            var pattern = "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            query = query.Where(p => EF.Functions.Like(p.TrackingNumber, pattern, "\\") || EF.Functions.Like(p.Title, pattern, "\\")
                || EF.Functions.Like(p.Description, pattern, "\\") || EF.Functions.Like(p.ContactPhone, pattern, "\\"));
        }

        if (filter.Duplicates)
        {
            query = query.Where(p => p.PossibleDuplicateOfId != null);
        }

        var total = await query.CountAsync(cancellationToken);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Min(filter.Page, pages);
        // Overdue and due-soon cases all have a due time: ordered plainly, the open-cases index gives the order.
        var ordered = filter.View is WorkbenchFilter.Overdue or WorkbenchFilter.DueSoon
            ? query.OrderBy(p => p.DueUtc).ThenBy(p => p.ReceivedUtc).ThenBy(p => p.Id)
            : query.OrderBy(p => p.DueUtc == null).ThenBy(p => p.DueUtc).ThenBy(p => p.ReceivedUtc).ThenBy(p => p.Id);
        var rows = await ordered
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(p => new WorkbenchRow(p.Id, p.TrackingNumber, p.Title, p.CategoryCode, p.GridUnitCode, p.HandlingUnitCode, p.Stage, p.Channel,
                p.ReceivedUtc, p.DueUtc, p.CompletedUtc, p.ClosedUtc, p.PossibleDuplicateOfId != null))
            .ToListAsync(cancellationToken);

        var units = await ScopeUnitsAsync(user, cancellationToken);
        return new WorkbenchModel
        {
            Filter = filter,
            Rows = rows,
            Total = total,
            Page = page,
            Pages = pages,
            Catalog = catalog,
            Units = units,
            UnitNames = await NamesAsync(rows.SelectMany(r => new[] { r.GridUnitCode, r.HandlingUnitCode }), cancellationToken),
            Now = now,
            CanReceive = await authorization.HasPermissionAsync(user, PetitionPermissions.Receive),
            CanReport = await authorization.HasPermissionAsync(user, PetitionPermissions.Report),
        };
    }

    /// <summary>The case page's data for <paramref name="petition"/>, with the state of a refused post when there was one.</summary>
    public async Task<CaseModel> CaseAsync(Petition petition, ClaimsPrincipal user, CaseState state, CancellationToken cancellationToken)
    {
        var id = petition.Id;
        var catalog = await catalogs.GetAsync(db, cancellationToken);
        var settings = await settingsStore.GetAsync(cancellationToken);
        var allowed = await workflow.AllowedAsync(petition, PetitionActor.Staff(user), cancellationToken);
        var events = await db.Set<PetitionEvent>().AsNoTracking().Where(e => e.PetitionId == id).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        var attachments = await db.Set<PetitionAttachment>().AsNoTracking().Where(a => a.PetitionId == id).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var coHandlers = await db.Set<PetitionCoHandler>().AsNoTracking().Where(c => c.PetitionId == id).OrderBy(c => c.Id).ToListAsync(cancellationToken);

        IReadOnlyList<UnitOption> assignable = [];
        if (allowed.Contains(PetitionTrigger.AssignUnit))
        {
            assignable = petition.HandlingUnitCode is { } handling
                ? [.. (await grid.GetSubtreeAsync(handling, cancellationToken)).Select(u => Option(u))]
                : await AllUnitsAsync(cancellationToken);
        }

        var roomNames = PetitionSettingsStore.Rooms(settings).Order(StringComparer.Ordinal)
            .Select(code => (code, rooms.FirstOrDefault(r => r.Code == code)?.Name.For(CultureInfo.CurrentUICulture) ?? PetitionNames.Room(code).For(CultureInfo.CurrentUICulture)))
            .ToList();

        var codes = new[] { petition.GridUnitCode, petition.HandlingUnitCode, petition.SupervisingUnitCode }
            .Concat(events.SelectMany(e => new[] { e.FromUnitCode, e.UnitCode }))
            .Concat(assignable.Select(u => u.Code));
        return new CaseModel
        {
            Petition = petition,
            Events = events,
            Attachments = attachments,
            CoHandlers = coHandlers,
            Allowed = allowed,
            Catalog = catalog,
            UnitNames = await NamesAsync(codes, cancellationToken),
            DuplicateOf = await NumberAsync(petition.PossibleDuplicateOfId, cancellationToken),
            MergedInto = await NumberAsync(petition.MergedIntoId, cancellationToken),
            Rooms = roomNames,
            AssignableUnits = assignable,
            Now = clock.GetUtcNow().UtcDateTime,
            Notice = state.Notice,
            Error = state.Error,
            Posted = state.Posted,
            Values = state.Values ?? new Dictionary<string, string>(),
            Errors = state.Errors ?? new Dictionary<string, string>(),
        };
    }

    /// <summary>The units a user works in, for selects: the subtrees of their own units, or the whole grid for a tenant-wide user.</summary>
    public async Task<IReadOnlyList<UnitOption>> ScopeUnitsAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        [.. (await grid.GetUnitsInScopeAsync(user, cancellationToken)).Select(u => Option(u))];

    /// <summary>Every unit of the tenant's grid, depth first.</summary>
    public async Task<IReadOnlyList<UnitOption>> AllUnitsAsync(CancellationToken cancellationToken)
    {
        List<UnitOption> units = [];
        foreach (var top in await grid.GetChildrenAsync(null, cancellationToken))
        {
            units.AddRange((await grid.GetSubtreeAsync(top.Code, cancellationToken)).Select(u => Option(u)));
        }

        return units;
    }

    /// <summary>The display names of <paramref name="codes"/> in the reader's language; an unknown code stands for itself.</summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IEnumerable<string?> codes, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var code in codes)
        {
            if (code is not null && !names.ContainsKey(code))
            {
                names[code] = (await grid.FindAsync(code, cancellationToken))?.DisplayName(CultureInfo.CurrentUICulture) ?? code;
            }
        }

        return names;
    }

    /// <summary>The user's own units exactly (with the current codes of units they hold under a former code).</summary>
    private async Task<string[]> OwnUnitsAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var own = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var code in user.FindAll(GovClaimTypes.GridUnit).Select(c => c.Value).Where(v => v.Length > 0))
        {
            own.Add(code);
            if (await grid.FindAsync(code, cancellationToken) is { } unit)
            {
                own.Add(unit.Code);
            }
        }

        return [.. own];
    }

    private async Task<(long Id, string TrackingNumber)?> NumberAsync(long? id, CancellationToken cancellationToken)
    {
        if (id is not { } value)
        {
            return null;
        }

        var number = await db.Set<Petition>().AsNoTracking().Where(p => p.Id == value).Select(p => p.TrackingNumber).FirstOrDefaultAsync(cancellationToken);
        return number is null ? null : (value, number);
    }

    private static UnitOption Option(GridUnitInfo unit) => new(unit.Code, unit.DisplayName(CultureInfo.CurrentUICulture), unit.Depth);

    /// <summary>The start of a tenant-local day in UTC; a midnight skipped by a daylight-saving change starts an hour later.</summary>
    private static DateTime Utc(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return TimeZoneInfo.ConvertTimeToUtc(zone.IsInvalidTime(local) ? local.AddHours(1) : local, zone);
    }
}

/// <summary>What a refused post leaves for the case page to show again.</summary>
internal sealed record CaseState(
    string? Notice = null,
    string? Error = null,
    PetitionTrigger? Posted = null,
    IReadOnlyDictionary<string, string>? Values = null,
    IReadOnlyDictionary<string, string>? Errors = null);
