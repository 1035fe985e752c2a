namespace GovPlatform.Mediation.Models;

/// <summary>An alert to the level above: a high-risk dispute, a missed screening report, an escalated dispute.</summary>
public sealed class MediationAlert
{
    public long Id { get; set; }

    public AlertKind Kind { get; set; }

    /// <summary>The unit the alert is for (the level above the unit concerned).</summary>
    public string UnitCode { get; set; } = "";

    /// <summary>The unit concerned (the community that found the high-risk dispute, the unit that did not report).</summary>
    public string? SubjectUnitCode { get; set; }

    public long? DisputeId { get; set; }

    public long? ScreeningReportId { get; set; }

    /// <summary>What the alert says, in Chinese (the recorded wording).</summary>
    public string Message { get; set; } = "";

    /// <summary>The same in English.</summary>
    public string EnglishMessage { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    public DateTime? AcknowledgedUtc { get; set; }

    public string? AcknowledgedBy { get; set; }
}
