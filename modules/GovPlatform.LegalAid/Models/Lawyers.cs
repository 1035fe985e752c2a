using GovPlatform.Security;

namespace GovPlatform.LegalAid.Models;

/// <summary>A law firm (律师事务所) whose lawyers serve as advisers or take legal aid cases.</summary>
public sealed class LawFirm
{
    public long Id { get; set; }

    public string Name { get; set; } = "";

    public string EnglishName { get; set; } = "";

    /// <summary>统一社会信用代码 (18 characters), or null.</summary>
    public string? CreditCode { get; set; }

    public string? Address { get; set; }

    public string? Phone { get; set; }

    public bool Active { get; set; } = true;

    public DateTime UpdatedUtc { get; set; }
}

/// <summary>A lawyer (or a legal aid worker) who advises communities, is on duty at stations, or takes legal aid cases.</summary>
public sealed class Lawyer
{
    public long Id { get; set; }

    /// <summary>The firm, or null for a legal aid centre's own staff.</summary>
    public long? FirmId { get; set; }

    public string Name { get; set; } = "";

    /// <summary>律师执业证号 (17 digits), or null for someone who is not a practising lawyer.</summary>
    public string? LicenceNumber { get; set; }

    public string? Phone { get; set; }

    /// <summary>What the lawyer is good at (<c>婚姻家庭、劳动争议</c>), shown to citizens choosing.</summary>
    public string? Specialities { get; set; }

    /// <summary>The tenant account of the lawyer: it sees the lawyer's appointments, consultations and cases.</summary>
    public string? UserName { get; set; }

    /// <summary>Whether the lawyer takes legal aid cases.</summary>
    public bool TakesAidCases { get; set; } = true;

    public bool Active { get; set; } = true;

    public DateTime UpdatedUtc { get; set; }
}

/// <summary>
/// A lawyer appointed as one community's legal adviser (一社区一法律顾问) for a term, with the hours the adviser
/// receives residents (booked like a station's). A community has at most one assignment in force on a day.
/// </summary>
public sealed class AdviserAssignment : IGridScopedResource, IOpeningRules
{
    public long Id { get; set; }

    public long LawyerId { get; set; }

    /// <summary>The community-level unit advised.</summary>
    public string GridUnitCode { get; set; } = "";

    /// <summary>First day of the term (local date).</summary>
    public DateOnly StartsOn { get; set; }

    /// <summary>Last day of the term (local date), inclusive.</summary>
    public DateOnly EndsOn { get; set; }

    /// <summary>Where the adviser receives (<c>社区居委会二楼法律服务室</c>).</summary>
    public string? Place { get; set; }

    /// <summary>Hours as residents read them (<c>每周三 14:30–17:30</c>).</summary>
    public string? Hours { get; set; }

    /// <inheritdoc />
    public int OpenDays { get; set; }

    /// <inheritdoc />
    public TimeOnly? OpensAt { get; set; }

    /// <inheritdoc />
    public TimeOnly? ClosesAt { get; set; }

    /// <inheritdoc />
    public int SlotMinutes { get; set; } = 30;

    /// <inheritdoc />
    public int SlotCapacity { get; set; } = 1;

    /// <inheritdoc />
    public int DaysAhead { get; set; } = 14;

    /// <summary>Why the term ended early, when it did (then <see cref="EndsOn"/> is that day).</summary>
    public string? EndedReason { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public int Version { get; set; }
}
