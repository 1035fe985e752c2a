using System.Globalization;
using System.Security.Claims;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Mediation.Models;
using GovPlatform.Mediation.Security;
using GovPlatform.Mediation.Services;
using GovPlatform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Mediation.Endpoints;

/// <summary>The ledger's pages' data: the list with its filters and alerts, the dispute page, the registration form.</summary>
internal sealed class DisputeDesk(TenantDbContext db, IGridDirectory grid, IGridScopeFilter scopeFilter, DisputeAccess access, IAuthorizationService authorization)
{
    public const int PageSize = 25;

    public async Task<LedgerModel> ListAsync(LedgerFilter filter, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var query = await access.ScopeAsync(db.Set<Dispute>().AsNoTracking(), user, cancellationToken);
        query = filter.Status switch
        {
            "open" => query.Where(d => d.ClosedUtc == null),
            "closed" => query.Where(d => d.ClosedUtc != null),
            { } s when Enum.TryParse<DisputeStatus>(s, out var status) && Enum.IsDefined(status) => query.Where(d => d.Status == status),
            _ => query,
        };
        if (filter.Type is { } type)
        {
            query = query.Where(d => d.Type == type);
        }

        if (filter.Risk is { } risk)
        {
            query = query.Where(d => d.Risk == risk);
        }

        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim();
            query = query.Where(d => d.Number == text || d.Title.Contains(text) || d.PetitionNumber == text);
        }

        var total = await query.CountAsync(cancellationToken);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(filter.Page, 1, pages);
        var items = await query.OrderByDescending(d => d.Risk).ThenByDescending(d => d.RegisteredUtc).ThenByDescending(d => d.Id)
            .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        var bodyIds = items.Where(d => d.BodyId != null).Select(d => d.BodyId!.Value).Distinct().ToArray();
        var bodies = await db.Set<MediationBody>().AsNoTracking().Where(b => bodyIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, cancellationToken);

        var alerts = db.Set<MediationAlert>().AsNoTracking().Where(a => a.AcknowledgedUtc == null);
        if (await scopeFilter.GetScopeCodesAsync(user, cancellationToken) is { } codes)
        {
            var list = codes.Order(StringComparer.Ordinal).ToArray();
            alerts = alerts.Where(a => list.Contains(a.UnitCode));
        }

        var openAlerts = await authorization.HasPermissionAsync(user, MediationPermissions.Supervise)
            ? await alerts.OrderByDescending(a => a.CreatedUtc).Take(50).ToListAsync(cancellationToken)
            : [];
        var names = await UnitNamesAsync(items.SelectMany(d => new[] { d.GridUnitCode, d.HandlingUnitCode }).Concat(openAlerts.SelectMany(a => new[] { a.UnitCode, a.SubjectUnitCode ?? a.UnitCode })), cancellationToken);
        return new LedgerModel(filter, items, bodies, names, openAlerts, total, page, pages);
    }

    /// <summary>The dispute, when <paramref name="user"/> may see it.</summary>
    public async Task<Dispute?> FindVisibleAsync(long id, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await db.Set<Dispute>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken) is { } dispute
            && await access.CanViewAsync(dispute, user, cancellationToken)
            ? dispute
            : null;

    /// <summary>The dispute page's model; the read is audited with whether the parties were shown.</summary>
    public async Task<DisputePageModel> PageAsync(Dispute dispute, ClaimsPrincipal user, DisputePageState state, CancellationToken cancellationToken)
    {
        var partiesVisible = await access.CanSeePartiesAsync(dispute, user, cancellationToken);
        var parties = partiesVisible
            ? await db.Set<DisputeParty>().AsNoTracking().Where(p => p.DisputeId == dispute.Id).OrderBy(p => p.Role).ThenBy(p => p.Id).ToListAsync(cancellationToken)
            : [];
        var partyCount = partiesVisible ? parties.Count : await db.Set<DisputeParty>().CountAsync(p => p.DisputeId == dispute.Id, cancellationToken);
        var events = await db.Set<DisputeEvent>().AsNoTracking().Where(e => e.DisputeId == dispute.Id).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        var followUps = await db.Set<FollowUpVisit>().AsNoTracking().Where(f => f.DisputeId == dispute.Id).OrderBy(f => f.VisitedUtc).ToListAsync(cancellationToken);
        var coIds = await db.Set<DisputeMediator>().AsNoTracking().Where(m => m.DisputeId == dispute.Id).Select(m => m.MediatorId).ToListAsync(cancellationToken);

        // The bodies that can take it: those of the handling unit, the units below it and the levels above.
        var ancestors = (await grid.GetAncestorsAsync(dispute.HandlingUnitCode, cancellationToken)).Select(a => a.Code).Append(dispute.HandlingUnitCode).ToHashSet(StringComparer.Ordinal);
        var below = (await grid.GetSubtreeAsync(dispute.HandlingUnitCode, cancellationToken)).Select(u => u.Code);
        ancestors.UnionWith(below);
        var bodies = await db.Set<MediationBody>().AsNoTracking().Where(b => b.Active || b.Id == dispute.BodyId).OrderBy(b => b.Kind).ThenBy(b => b.Code).ToListAsync(cancellationToken);
        bodies = [.. bodies.Where(b => ancestors.Contains(b.GridUnitCode) || b.Id == dispute.BodyId)];
        var bodyIds = bodies.Select(b => b.Id).ToArray();
        var mediators = await db.Set<Mediator>().AsNoTracking().Where(m => bodyIds.Contains(m.BodyId) || coIds.Contains(m.Id) || m.Id == dispute.MediatorId)
            .OrderBy(m => m.BodyId).ThenBy(m => m.Id).ToListAsync(cancellationToken);
        var names = await UnitNamesAsync([dispute.GridUnitCode, dispute.HandlingUnitCode, .. events.SelectMany(e => new[] { e.UnitCode ?? "", e.FromUnitCode ?? "" })], cancellationToken);
        var canMediate = await access.CanAsync(dispute, user, MediationPermissions.Mediate);
        var canEscalate = canMediate && (await grid.FindAsync(dispute.HandlingUnitCode, cancellationToken))?.ParentCode is not null;
        await access.AuditReadAsync(dispute, "page", partiesVisible, cancellationToken);
        return new DisputePageModel(dispute, partiesVisible, parties, partyCount, events, followUps, coIds, bodies, mediators, names, canMediate, canEscalate, state);
    }

    /// <summary>The units a user may register a dispute in: their units and everything below (the whole grid for tenant-wide users).</summary>
    public Task<IReadOnlyList<GridUnitInfo>> RegistrableUnitsAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        grid.GetUnitsInScopeAsync(user, cancellationToken);

    private async Task<Dictionary<string, string>> UnitNamesAsync(IEnumerable<string> codes, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        foreach (var code in codes.Where(c => !string.IsNullOrEmpty(c)).Distinct(StringComparer.Ordinal))
        {
            if (await grid.FindAsync(code, cancellationToken) is { } unit)
            {
                names[code] = english && !string.IsNullOrEmpty(unit.EnglishName) ? unit.EnglishName : unit.Name;
            }
        }

        return names;
    }
}

/// <summary>The ledger list's filters, from the query string.</summary>
public sealed record LedgerFilter(string? Status, DisputeType? Type, RiskLevel? Risk, string? Text, int Page)
{
    public static LedgerFilter Parse(Microsoft.AspNetCore.Http.IQueryCollection query) => new(
        query["status"].FirstOrDefault() is { Length: > 0 } s ? s : "open",
        Enum.TryParse<DisputeType>(query["type"].FirstOrDefault(), out var type) && Enum.IsDefined(type) ? type : null,
        Enum.TryParse<RiskLevel>(query["risk"].FirstOrDefault(), out var risk) && Enum.IsDefined(risk) ? risk : null,
        query["q"].FirstOrDefault() is { Length: > 0 and <= 50 } q ? q : null,
        int.TryParse(query["page"].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var page) ? page : 1);
}

public sealed record LedgerModel(
    LedgerFilter Filter,
    IReadOnlyList<Dispute> Items,
    IReadOnlyDictionary<long, MediationBody> Bodies,
    IReadOnlyDictionary<string, string> UnitNames,
    IReadOnlyList<MediationAlert> Alerts,
    int Total,
    int Page,
    int Pages);

/// <summary>What the dispute page shows after a post: a notice, or the refused form with its errors and values.</summary>
public sealed record DisputePageState(string? Notice = null, string? Error = null, string? Posted = null, IReadOnlyDictionary<string, string>? Values = null, IReadOnlyDictionary<string, string>? Errors = null)
{
    public IReadOnlyDictionary<string, string> FieldErrors => Errors ?? new Dictionary<string, string>();

    public string Value(string field) => Values?.GetValueOrDefault(field) ?? "";
}

public sealed record DisputePageModel(
    Dispute Dispute,
    bool PartiesVisible,
    IReadOnlyList<DisputeParty> Parties,
    int PartyCount,
    IReadOnlyList<DisputeEvent> Events,
    IReadOnlyList<FollowUpVisit> FollowUps,
    IReadOnlyList<long> CoMediatorIds,
    IReadOnlyList<MediationBody> Bodies,
    IReadOnlyList<Mediator> Mediators,
    IReadOnlyDictionary<string, string> UnitNames,
    bool CanMediate,
    bool CanEscalate,
    DisputePageState State);

public sealed record NewDisputeModel(IReadOnlyList<GridUnitInfo> Units, IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, string> Errors, string? Error);
