using GovPlatform.Petitions.Loop;

namespace GovPlatform.Petitions.Services;

/// <summary>One command on a petition, with what it needs; which fields count depends on <see cref="Trigger"/>.</summary>
internal sealed record PetitionCommand(PetitionTrigger Trigger)
{
    /// <summary>Staff's note, never shown to the citizen (required for some commands).</summary>
    public string? Note { get; init; }

    /// <summary>What the citizen is told: the result of a completion or an on-the-spot solution.</summary>
    public string? PublicReply { get; init; }

    /// <summary>The unit to assign to.</summary>
    public string? UnitCode { get; init; }

    /// <summary>The department to transfer to, or the co-handler reporting its part.</summary>
    public string? Department { get; init; }

    /// <summary>The room to send to.</summary>
    public string? Room { get; init; }

    /// <summary>For <see cref="PetitionTrigger.SendToRoom"/> on behalf of a room that already holds the matter: its reference; the room is not asked to accept it again.</summary>
    public string? RoomReference { get; init; }

    /// <summary>Co-handling departments (the lead among them).</summary>
    public IReadOnlyList<string> Departments { get; init; } = [];

    public string? LeadDepartment { get; init; }

    /// <summary>The category (item) decided on assessment.</summary>
    public string? CategoryCode { get; init; }

    /// <summary>The tracking number of the petition to merge into.</summary>
    public string? MergeInto { get; init; }

    public int? Satisfaction { get; init; }

    public bool? Resolved { get; init; }

    public IReadOnlyList<PetitionUpload> Attachments { get; init; } = [];

    /// <summary>Makes a repeated command (same key) change nothing and answer as the first did.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>The petition's version the caller saw; a newer one refuses the command.</summary>
    public int? ExpectedVersion { get; init; }
}

/// <summary>A file sent with an intake or a command.</summary>
internal sealed record PetitionUpload(string FileName, byte[] Content);
