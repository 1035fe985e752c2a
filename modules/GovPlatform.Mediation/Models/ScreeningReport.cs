namespace GovPlatform.Mediation.Models;

/// <summary>One unit's report on a campaign: created pending when the campaign opens, filled when the unit reports.</summary>
public sealed class ScreeningReport
{
    public long Id { get; set; }

    public long CampaignId { get; set; }

    public string UnitCode { get; set; } = "";

    /// <summary>When the unit reported (null: not yet).</summary>
    public DateTime? ReportedUtc { get; set; }

    public string? ReportedBy { get; set; }

    /// <summary>True when the unit swept and found nothing (零报告).</summary>
    public bool FoundNothing { get; set; }

    /// <summary>How many disputes the report registered.</summary>
    public int Findings { get; set; }

    public string? Note { get; set; }

    /// <summary>When the missing report was flagged to the level above (null: not flagged).</summary>
    public DateTime? FlaggedUtc { get; set; }

    public int Version { get; set; }
}
