using GovPlatform.Data;
using GovPlatform.Petitions.Models;

namespace GovPlatform.Petitions.Services;

/// <summary>Reads and saves the tenant's petition rules (one document), with their defaults.</summary>
internal sealed class PetitionSettingsStore(IDocumentStore documents) : SettingsDocumentStore<PetitionSettings>(documents, PetitionSettings.Id)
{
    /// <summary>The rooms a petition can be sent to.</summary>
    public static IReadOnlySet<string> Rooms(PetitionSettings settings) => settings.Rooms.ToHashSet(StringComparer.Ordinal);

    /// <summary>Why <paramref name="settings"/> cannot be saved, by field; empty when they can.</summary>
    public static Dictionary<string, Localization.BilingualText> Validate(PetitionSettings settings)
    {
        var errors = new Dictionary<string, Localization.BilingualText>();
        void Range(string field, double value, double min, double max)
        {
            if (value < min || value > max || double.IsNaN(value))
            {
                errors[field] = new($"应在 {min} 到 {max} 之间。", $"Must be between {min} and {max}.");
            }
        }

        Range("intakeDepth", settings.IntakeDepth, 1, 10);
        Range("warnBeforeHours", settings.WarnBeforeHours, 0, 200);
        Range("ratingDays", settings.RatingDays, 1, 90);
        Range("reopenDays", settings.ReopenDays, 0, 365);
        Range("duplicateWindowDays", settings.DuplicateWindowDays, 0, 90);
        Range("duplicateSimilarity", settings.DuplicateSimilarity, 0.1, 1);
        Range("maxAttachments", settings.MaxAttachments, 0, 20);
        Range("maxImageBytes", settings.MaxImageBytes, 100 * 1024, 50L * 1024 * 1024);
        Range("maxVideoBytes", settings.MaxVideoBytes, 1024 * 1024, 500L * 1024 * 1024);
        if (settings.Rooms.Any(r => !System.Text.RegularExpressions.Regex.IsMatch(r, "^[a-z][a-z0-9-]{1,31}$")))
        {
            errors["rooms"] = new("功能室代码只能用小写字母、数字和连字符。", "Room codes use lowercase letters, digits and hyphens.");
        }

        return errors;
    }
}
