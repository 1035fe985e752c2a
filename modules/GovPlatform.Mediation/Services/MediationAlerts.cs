using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Mediation.Models;
using GovPlatform.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GovPlatform.Mediation.Services;

/// <summary>
/// Alerts to the level above (a high-risk dispute, a missed screening report, an escalation): an alert row for the
/// parent of the unit concerned, listed on the ledger page of whoever supervises that unit until acknowledged, and a
/// text to the duty phones of that unit's mediation bodies (its committee, its centre's room) once the alert is saved.
/// </summary>
public sealed class MediationAlerts(TenantDbContext db, IGridDirectory grid, IMessageSender sender, TimeProvider clock, ILogger<MediationAlerts> logger)
{
    private readonly List<MediationAlert> _raised = [];

    /// <summary>
    /// Stages an alert about <paramref name="subjectUnitCode"/> for the unit above it (for the unit itself when it is
    /// the top); the caller saves the context, then calls <see cref="NotifyAsync"/>. Returns the alert.
    /// </summary>
    public async Task<MediationAlert> RaiseAsync(AlertKind kind, string subjectUnitCode, BilingualText message, long? disputeId = null, long? screeningReportId = null, CancellationToken cancellationToken = default)
    {
        var unit = await grid.FindAsync(subjectUnitCode, cancellationToken);
        var alert = new MediationAlert
        {
            Kind = kind,
            UnitCode = unit?.ParentCode ?? subjectUnitCode,
            SubjectUnitCode = subjectUnitCode,
            DisputeId = disputeId,
            ScreeningReportId = screeningReportId,
            Message = message.Chinese,
            EnglishMessage = message.English,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(alert);
        _raised.Add(alert);
        return alert;
    }

    /// <summary>
    /// Texts the alerts raised in this scope to the duty phones of the active bodies at each alert's unit. Call it after
    /// the transaction that raised them has committed: only alerts found saved are sent (a retried transaction's first
    /// attempt sends nothing), each once. A refused text is logged; the alert stays on the ledger page either way.
    /// </summary>
    public async Task NotifyAsync(CancellationToken cancellationToken = default)
    {
        var ids = _raised.Select(a => a.Id).Where(id => id > 0).Distinct().ToArray();
        _raised.Clear();
        if (ids.Length == 0)
        {
            return;
        }

        var saved = await db.Set<MediationAlert>().AsNoTracking().Where(a => ids.Contains(a.Id)).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var units = saved.Select(a => a.UnitCode).Distinct().ToArray();
        var phones = await db.Set<MediationBody>().AsNoTracking()
            .Where(b => b.Active && b.Phone != null && units.Contains(b.GridUnitCode))
            .Select(b => new { b.GridUnitCode, b.Phone })
            .ToListAsync(cancellationToken);
        foreach (var alert in saved)
        {
            var subject = $"{MediationNames.AlertKind(alert.Kind).Chinese} / {MediationNames.AlertKind(alert.Kind).English}";
            foreach (var phone in phones.Where(p => p.GridUnitCode == alert.UnitCode).Select(p => p.Phone!).Distinct(StringComparer.Ordinal))
            {
                try
                {
                    await sender.SendAsync(new OutgoingMessage("sms", phone, subject, $"【矛盾纠纷调解】{alert.Message}\n{alert.EnglishMessage}"), cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Mediation: alert {Id} could not be texted to {Phone}", alert.Id, phone);
                }
            }
        }
    }
}
