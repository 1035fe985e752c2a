namespace GovPlatform.Petitions.Components.Admin;

/// <summary>
/// The petition rules form as posted, every value a string so that what was typed is shown again beside its error.
/// Sizes are in MB (1 MB = 1,048,576 bytes); the rooms are read from the form's checkboxes beside it.
/// </summary>
public sealed class PetitionSettingsForm
{
    public string? IntakeDepth { get; set; }

    public string? WarnBeforeHours { get; set; }

    public string? RatingDays { get; set; }

    public string? ReopenDays { get; set; }

    public string? DuplicateWindowDays { get; set; }

    public string? DuplicateSimilarity { get; set; }

    public string? MaxAttachments { get; set; }

    public string? MaxImageMegabytes { get; set; }

    public string? MaxVideoMegabytes { get; set; }
}

/// <summary>A room the rules may offer: one of the reception hall's three, one a module registers, or one stored that neither knows now.</summary>
public sealed record SettingsRoomOption(string Code, string Name, bool Known);
