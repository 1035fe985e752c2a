namespace GovPlatform.Points.Models;

/// <summary>
/// One line of a volunteer's ledger. Append-only: never edited or deleted; a correction is a <see cref="EntryKind.Reverse"/>
/// entry pointing at the entry it undoes. The volunteer's balance is the sum of the amounts.
/// </summary>
public sealed class PointEntry
{
    public long Id { get; set; }

    public long VolunteerId { get; set; }

    public EntryKind Kind { get; set; }

    /// <summary>Signed: positive earns, negative spends.</summary>
    public long Amount { get; set; }

    /// <summary>Why (活动：庙沟社区河道清理), shown to the volunteer.</summary>
    public string Reason { get; set; } = "";

    /// <summary>What caused it: <c>activity</c>, <c>order</c>, <c>manual</c>, <c>expiry</c>, or another module's name.</summary>
    public string SourceType { get; set; } = "";

    /// <summary>The id of the source (the activity, the order), or null.</summary>
    public long? SourceId { get; set; }

    /// <summary>The grid unit whose rules applied (earns), for reports by unit.</summary>
    public string? GridUnitCode { get; set; }

    /// <summary>The entry this one reverses, or null.</summary>
    public long? ReversesId { get; set; }

    /// <summary>When an earn's unspent points expire, or null.</summary>
    public DateTime? ExpiresUtc { get; set; }

    /// <summary>For an earn that has expired (wholly or partly): when the expiry entry was written.</summary>
    public DateTime? ExpiredUtc { get; set; }

    /// <summary>Makes a repeated request a no-op; unique in the tenant.</summary>
    public string IdempotencyKey { get; set; } = "";

    public string CreatedBy { get; set; } = "";

    public DateTime CreatedUtc { get; set; }
}
