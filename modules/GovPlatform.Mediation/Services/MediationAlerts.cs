using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Mediation.Models;

namespace GovPlatform.Mediation.Services;

/// <summary>
/// Alerts to the level above (a high-risk dispute, a missed screening report, an escalation): an alert row for the
/// parent of the unit concerned, listed on the ledger page of whoever supervises that unit until acknowledged.
/// </summary>
public sealed class MediationAlerts(TenantDbContext db, IGridDirectory grid, TimeProvider clock)
{
    /// <summary>
    /// Stages an alert about <paramref name="subjectUnitCode"/> for the unit above it (for the unit itself when it is
    /// the top); the caller saves the context. Returns the alert.
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
        return alert;
    }
}
