namespace GovPlatform.Petitions.Components.Public;

/// <summary>The public petition form as posted (the location's selects and the photos are read from the form beside it).</summary>
public sealed class PublicPetitionForm
{
    public string? CategoryCode { get; set; }

    public string? Title { get; set; }

    public string? Description { get; set; }

    public string? Longitude { get; set; }

    public string? Latitude { get; set; }

    public string? Address { get; set; }

    public string? ContactName { get; set; }

    public string? ContactPhone { get; set; }

    /// <summary>Made when the form is first shown: a second post of the same form (a double click, a reload) files nothing new.</summary>
    public string? IdempotencyKey { get; set; }
}

/// <summary>The tracking forms as posted: the number and phone (hidden on the rating and reopening forms) and what those forms add.</summary>
public sealed class PublicTrackForm
{
    public string? TrackingNumber { get; set; }

    public string? Phone { get; set; }

    public string? Satisfaction { get; set; }

    public string? Resolved { get; set; }

    public string? Comment { get; set; }

    public string? Reason { get; set; }
}

/// <summary>One option of a select.</summary>
public sealed record PublicChoice(string Value, string Text);

/// <summary>Options under one heading (an <c>optgroup</c>), or without one when <see cref="Label"/> is null.</summary>
/// <param name="Parent">The code of the unit or category the options belong to, for the page's script; null at the top.</param>
public sealed record PublicChoiceGroup(string? Parent, string? Label, IReadOnlyList<PublicChoice> Choices);

/// <summary>One select of the location's cascade: a level of the grid (街道, 社区, 网格) with its units grouped by parent.</summary>
public sealed record PublicLocationLevel(int Depth, string Label, IReadOnlyList<PublicChoiceGroup> Groups);

/// <summary>What the petition form shows besides the input: the categories, the grid's levels and the limits.</summary>
public sealed record PublicPetitionChoices(IReadOnlyList<PublicChoiceGroup> Categories, IReadOnlyList<PublicLocationLevel> Levels, int MaxAttachments);

/// <summary>The receipt after a petition is filed.</summary>
/// <param name="PhoneHint">The phone given, partly hidden (139****5678): tracking asks for it.</param>
/// <param name="LikelyDuplicate">A similar petition from the same phone came in recently; staff may merge them.</param>
/// <param name="Replayed">The same form was posted again: this is the petition the first post filed.</param>
public sealed record PublicPetitionReceipt(string TrackingNumber, string PhoneHint, bool LikelyDuplicate, bool Replayed);

/// <summary>A petition as its citizen sees it, in the reader's language (see <c>PetitionTracking.ViewAsync</c>).</summary>
public sealed record PublicPetitionStatus(
    string TrackingNumber,
    string Phone,
    string StageKey,
    string Stage,
    string Category,
    string Title,
    string Description,
    DateTime ReceivedUtc,
    DateTime? DueUtc,
    DateTime? CompletedUtc,
    DateTime? ClosedUtc,
    string? HandlingUnit,
    string? PublicReply,
    string? RejectReason,
    string? MergedInto,
    int? Satisfaction,
    bool CanRate,
    bool CanReopen,
    int ReopenDays,
    IReadOnlyList<PublicPetitionStatusStep> Steps);

/// <summary>One step of the public timeline.</summary>
public sealed record PublicPetitionStatusStep(DateTime AtUtc, string Action, string Stage, string? Unit, string? PublicNote);
