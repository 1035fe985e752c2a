using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Mediation.Models;
using GovPlatform.Petitions;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Mediation.Services;

/// <summary>
/// The petitions hall's mediation room (矛盾纠纷调处室): a petition sent to it becomes a dispute in the ledger, linked
/// to it, handled by the community where the matter is; when the dispute closes, the ledger reports the outcome back and
/// the petition's loop goes on. A petition sent back to the room while its dispute is still open finds that dispute.
/// Runs inside the petitions hall's transaction: it only stages rows.
/// </summary>
public sealed class MediationRoom(TenantDbContext db, IGridDirectory grid, DisputeLedger ledger, MediationSettingsStore settingsStore, IAuditLog audit, TimeProvider clock) : IPetitionRoom
{
    /// <inheritdoc />
    public string Code => PetitionRooms.Mediation;

    /// <inheritdoc />
    public BilingualText Name { get; } = new("矛盾纠纷调处室", "Dispute mediation room");

    /// <inheritdoc />
    public async Task<string?> AcceptAsync(PetitionReferral referral, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var open = await db.Set<Dispute>()
            .Where(d => d.PetitionId == referral.PetitionId && d.ClosedUtc == null)
            .FirstOrDefaultAsync(cancellationToken);
        if (open is not null)
        {
            await ledger.AppendEventAsync(open, "FromPetition", $"诉求 {referral.TrackingNumber} 再次转入调解室。{referral.Note}", new DisputeActor(DisputeLedger.PetitionsActor, referral.SentBy, null), cancellationToken);
            return open.Number;
        }

        var unit = referral.GridUnitCode is { } code ? await grid.FindAsync(code, cancellationToken) : null;
        unit ??= await grid.GetChildrenAsync(null, cancellationToken) is { Count: > 0 } tops ? tops[0] : null;
        if (unit is null)
        {
            throw new InvalidOperationException("The tenant has no grid to place the dispute in.");
        }

        var settings = await settingsStore.GetAsync(cancellationToken);
        var type = settings.PetitionCategories.FirstOrDefault(p => p.Value == referral.CategoryCode).Key is { } name && Enum.TryParse<DisputeType>(name, out var mapped)
            ? mapped
            : DisputeType.Other;
        var now = clock.GetUtcNow().UtcDateTime;
        var dispute = new Dispute
        {
            Number = ledger.NewNumber(now),
            Type = type,
            Source = DisputeSource.Petition,
            Status = DisputeStatus.Registered,
            Risk = RiskLevel.Low,
            Title = $"诉求 {referral.TrackingNumber} 转入纠纷",
            Description = referral.Description.Length <= 4000 ? referral.Description : referral.Description[..4000],
            GridUnitCode = unit.Code,
            HandlingUnitCode = await ledger.HandlingUnitAsync(unit, cancellationToken),
            PetitionId = referral.PetitionId,
            PetitionNumber = referral.TrackingNumber,
            RegisteredBy = referral.SentBy,
            RegisteredUtc = now,
            UpdatedUtc = now,
            Version = 1,
        };
        db.Add(dispute);
        await db.SaveChangesAsync(cancellationToken);
        db.Add(new DisputeParty
        {
            DisputeId = dispute.Id,
            Role = PartyRole.Applicant,
            Name = string.IsNullOrWhiteSpace(referral.ContactName) ? "来访群众" : referral.ContactName.Trim(),
            Phone = referral.ContactPhone,
        });
        await ledger.AppendEventAsync(dispute, "FromPetition", $"由诉求 {referral.TrackingNumber} 转入。{referral.Note}", new DisputeActor(DisputeLedger.PetitionsActor, referral.SentBy, null), cancellationToken);
        dispute.Version = 1;
        await audit.RecordAsync(new AuditEvent(DisputeAccess.AuditCategory, "register", dispute.Number, $"From petition {referral.TrackingNumber}"), cancellationToken);
        return dispute.Number;
    }
}
