using GovPlatform.Data;

namespace GovPlatform.Petitions.Models;

/// <summary>The tenant's petition rules, one document; every value has a sensible default.</summary>
[Document("petition-settings")]
internal sealed class PetitionSettings
{
    public const string Id = "default";

    /// <summary>The grid depth of the unit that takes online and field petitions (社区 by default): the located unit's ancestor at this depth.</summary>
    public int IntakeDepth { get; set; } = 3;

    /// <summary>Working hours before the due time when the case is flagged due soon.</summary>
    public double WarnBeforeHours { get; set; } = 4;

    /// <summary>Days the citizen has to rate a petition in feedback; after them it is closed unrated.</summary>
    public int RatingDays { get; set; } = 7;

    /// <summary>Days after evaluation in which the citizen may ask to reopen.</summary>
    public int ReopenDays { get; set; } = 15;

    /// <summary>Days back a petition with the same phone, unit and similar text counts as a likely duplicate.</summary>
    public int DuplicateWindowDays { get; set; } = 7;

    /// <summary>How alike two descriptions must be (0–1, character bigrams) to count as a likely duplicate.</summary>
    public double DuplicateSimilarity { get; set; } = 0.5;

    public int MaxAttachments { get; set; } = 9;

    public long MaxImageBytes { get; set; } = 10 * 1024 * 1024;

    public long MaxVideoBytes { get; set; } = 100 * 1024 * 1024;

    /// <summary>The reception hall's rooms a petition can be sent to, by code.</summary>
    public List<string> Rooms { get; set; } = [PetitionRooms.Mediation, PetitionRooms.Legal, PetitionRooms.Psychological];
}
