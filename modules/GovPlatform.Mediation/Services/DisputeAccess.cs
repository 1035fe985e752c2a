using System.Security.Claims;
using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Mediation.Models;
using GovPlatform.Mediation.Security;
using GovPlatform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Mediation.Services;

/// <summary>
/// Who sees which disputes, and who sees their parties. A staff member sees the disputes located in their units or
/// handled by them (an escalated dispute stays visible, read-only, to the units below). Parties' details — and the
/// description, which names them — are shown only to the dispute's mediators (lead, co-mediators, mediators in its
/// sessions, by their accounts) and to their superiors (<see cref="MediationPermissions.Supervise"/> over the handling
/// unit); every read of a dispute is audited with which of the two it showed.
/// </summary>
public sealed class DisputeAccess(TenantDbContext db, IGridScopeFilter filter, IAuthorizationService authorization, IAuditLog audit)
{
    /// <summary>The audit category of the module's records.</summary>
    public const string AuditCategory = "mediation";

    /// <summary>The disputes <paramref name="user"/> may see (location or handling unit in their scope).</summary>
    public async ValueTask<IQueryable<Dispute>> ScopeAsync(IQueryable<Dispute> query, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await filter.GetScopeCodesAsync(user, cancellationToken) is not { } codes)
        {
            return query;
        }

        var list = codes.Order(StringComparer.Ordinal).ToArray();
        return query.Where(d => EF.Parameter(list).Contains(d.GridUnitCode) || EF.Parameter(list).Contains(d.HandlingUnitCode));
    }

    /// <summary>Whether <paramref name="user"/> may see <paramref name="dispute"/> at all (its summary).</summary>
    public async Task<bool> CanViewAsync(Dispute dispute, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        if (!await authorization.HasPermissionAsync(user, MediationPermissions.View))
        {
            return false;
        }

        if (await filter.GetScopeCodesAsync(user, cancellationToken) is not { } codes)
        {
            return true;
        }

        return codes.Contains(dispute.GridUnitCode) || codes.Contains(dispute.HandlingUnitCode);
    }

    /// <summary>Whether <paramref name="user"/> may act on <paramref name="dispute"/> with <paramref name="permission"/> (its handling unit in scope).</summary>
    public Task<bool> CanAsync(Dispute dispute, ClaimsPrincipal user, Permission permission) =>
        authorization.HasPermissionAsync(user, permission, dispute);

    /// <summary>Whether <paramref name="user"/> is one of the dispute's mediators or their superior.</summary>
    public async Task<bool> CanSeePartiesAsync(Dispute dispute, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsInRole(BuiltInRoles.Administrator) || await authorization.HasPermissionAsync(user, MediationPermissions.Supervise, dispute))
        {
            return true;
        }

        return user.Identity?.Name is { Length: > 0 } name && await IsMediatorAsync(dispute.Id, name, cancellationToken);
    }

    /// <summary>Whether the account <paramref name="userName"/> mediates the dispute (lead, co-mediator, or mediator in one of its sessions).</summary>
    public async Task<bool> IsMediatorAsync(long disputeId, string userName, CancellationToken cancellationToken = default)
    {
        var mine = db.Set<Mediator>().Where(m => m.UserName == userName).Select(m => m.Id);
        return await db.Set<Dispute>().AnyAsync(d => d.Id == disputeId && d.MediatorId != null && mine.Contains(d.MediatorId.Value), cancellationToken)
            || await db.Set<DisputeMediator>().AnyAsync(m => m.DisputeId == disputeId && mine.Contains(m.MediatorId), cancellationToken)
            || await (from p in db.Set<SessionParticipant>()
                      join s in db.Set<MediationSession>() on p.SessionId equals s.Id
                      where s.DisputeId == disputeId && p.MediatorId != null && mine.Contains(p.MediatorId.Value)
                      select p.Id).AnyAsync(cancellationToken);
    }

    /// <summary>Records that <paramref name="what"/> of the dispute was read (a page, an export, the API), and whether the parties were shown.</summary>
    public Task AuditReadAsync(Dispute dispute, string what, bool partiesShown, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        return audit.RecordAsync(new AuditEvent(AuditCategory, partiesShown ? "read-parties" : "read", dispute.Number,
            partiesShown ? $"{what}: parties shown" : $"{what}: parties hidden"), cancellationToken);
    }
}
