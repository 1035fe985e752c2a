namespace GovPlatform.Mediation.Models;

/// <summary>A screening sweep (排查): every reporting unit under <see cref="ScopeUnitCode"/> reports what it found by the due time.</summary>
public sealed class ScreeningCampaign
{
    public long Id { get; set; }

    public CampaignKind Kind { get; set; }

    public string Title { get; set; } = "";

    /// <summary>The unit whose subtree sweeps (null: the whole tenant).</summary>
    public string? ScopeUnitCode { get; set; }

    /// <summary>The grid depth of the reporting units (communities by default).</summary>
    public int ReportingDepth { get; set; }

    /// <summary>The local date the sweep starts.</summary>
    public DateOnly StartsOn { get; set; }

    /// <summary>The end of the sweep: a unit that has not reported by then is flagged to the level above.</summary>
    public DateTime DueUtc { get; set; }

    /// <summary>When the job checked the reports after the due time (null: not yet).</summary>
    public DateTime? CheckedUtc { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTime CreatedUtc { get; set; }
}
