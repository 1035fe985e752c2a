using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.LegalAid.Models;
using GovPlatform.LegalAid.Services;
using GovPlatform.Localization;
using GovPlatform.Petitions;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.LegalAid.Consultations;

/// <summary>
/// The petitions hall's legal counselling room (法律咨询室): a petition sent to it becomes a pending consultation
/// (待接待) of the community where the matter is (the unit at <see cref="LegalAidSettings.CommunityDepth"/> above the
/// petition's unit, or the top unit), with the citizen from the referral. When advice is recorded,
/// <see cref="ConsultationService"/> reports the outcome back and the petition's loop goes on. A petition sent to the
/// room again while its consultation still waits finds that consultation. Runs inside the hall's transaction: it only
/// stages rows. Registered always; harmless when the hall is off (nothing resolves it).
/// </summary>
public sealed class LegalRoom(TenantDbContext db, IGridDirectory grid, LegalAidSettingsStore settingsStore, LegalAidNumbers numbers, IAuditLog audit, TimeProvider clock) : IPetitionRoom
{
    /// <inheritdoc />
    public string Code => PetitionRooms.Legal;

    /// <inheritdoc />
    public BilingualText Name { get; } = new("法律咨询室", "Legal counselling room");

    /// <inheritdoc />
    public async Task<string?> AcceptAsync(PetitionReferral referral, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var open = await db.Set<Consultation>()
            .Where(c => c.PetitionId == referral.PetitionId && c.Advice == "")
            .FirstOrDefaultAsync(cancellationToken);
        if (open is not null)
        {
            return open.Number;
        }

        var settings = await settingsStore.GetAsync(cancellationToken);
        var unit = referral.GridUnitCode is { } code ? await grid.FindAsync(code, cancellationToken) : null;
        if (unit is not null && unit.Depth > settings.CommunityDepth)
        {
            unit = (await grid.GetAncestorsAsync(unit.Code, cancellationToken)).FirstOrDefault(a => a.Depth == settings.CommunityDepth) ?? unit;
        }

        unit ??= await grid.GetChildrenAsync(null, cancellationToken) is { Count: > 0 } tops ? tops[0] : null;
        if (unit is null)
        {
            throw new InvalidOperationException("The tenant has no grid to place the consultation in.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var matter = referral.Note is { Length: > 0 } note ? $"{referral.Description}\n（转办说明：{note}）" : referral.Description;
        var consultation = new Consultation
        {
            Number = numbers.Consultation(now),
            Channel = ConsultationChannel.Petition,
            GridUnitCode = unit.Code,
            CitizenName = string.IsNullOrWhiteSpace(referral.ContactName) ? "来访群众" : Clip(referral.ContactName.Trim(), 50),
            Phone = Clip(referral.ContactPhone, 20),
            MatterType = MatterType.Other,
            Matter = Clip(matter, 4000),
            Advice = "",
            Outcome = ConsultationOutcome.Advised,
            PetitionId = referral.PetitionId,
            PetitionNumber = referral.TrackingNumber,
            HeldUtc = now,
            RecordedBy = referral.SentBy,
            CreatedUtc = now,
            UpdatedUtc = now,
            Version = 1,
        };
        db.Add(consultation);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEvent(BookingService.AuditCategory, "consultation-from-petition", $"consultation:{consultation.Number}",
            $"From petition {referral.TrackingNumber}"), cancellationToken);
        return consultation.Number;
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];
}
