using GovPlatform.Security;

namespace GovPlatform.Points.Models;

/// <summary>
/// A volunteer (志愿者): a citizen account's real-name profile in a grid unit, approved by the community. The balance
/// lives in <see cref="Balance"/>, kept equal to the sum of the volunteer's <see cref="PointEntry"/> rows.
/// </summary>
public sealed class Volunteer : IGridScopedResource
{
    public long Id { get; set; }

    /// <summary>The citizen account's user name (one profile per account).</summary>
    public string UserName { get; set; } = "";

    public string RealName { get; set; } = "";

    /// <summary>Identity card number (real-name registration); shown masked except to staff of the unit.</summary>
    public string? IdNumber { get; set; }

    public string Phone { get; set; } = "";

    /// <summary>Where the volunteer lives and serves: the unit whose rules award their points.</summary>
    public string GridUnitCode { get; set; } = "";

    /// <summary>Skills, comma-separated (医疗, 法律, 驾驶…).</summary>
    public string? Skills { get; set; }

    public VolunteerStatus Status { get; set; }

    public string? StatusReason { get; set; }

    public string? ApprovedBy { get; set; }

    public DateTime? ApprovedUtc { get; set; }

    /// <summary>Consents to appear by name on the public honour roll.</summary>
    public bool PublicConsent { get; set; }

    /// <summary>The current balance: the sum of the entries, never below zero.</summary>
    public long Balance { get; set; }

    public DateTime RegisteredUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public int Version { get; set; }
}
