using GovPlatform.Data;
using GovPlatform.LegalAid.Models;
using GovPlatform.Localization;

namespace GovPlatform.LegalAid.Services;

/// <summary>Reads and stages the tenant's legal service rules (document <c>legalaid-settings</c>).</summary>
public sealed class LegalAidSettingsStore(IDocumentStore documents) : SettingsDocumentStore<LegalAidSettings>(documents, Id)
{
    /// <summary>The settings document's id.</summary>
    public const string Id = "settings";

    /// <summary>Why <paramref name="settings"/> cannot be saved, by field; empty when they can.</summary>
    public static Dictionary<string, BilingualText> Validate(LegalAidSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = new Dictionary<string, BilingualText>();
        void Range(string field, long value, long min, long max)
        {
            if (value < min || value > max)
            {
                errors[field] = new($"应在 {min} 到 {max} 之间。", $"Must be between {min} and {max}.");
            }
        }

        Range("communityDepth", settings.CommunityDepth, 1, 10);
        Range("minLeadMinutes", settings.MinLeadMinutes, 0, 10_080);
        Range("cancelUntilHours", settings.CancelUntilHours, 0, 168);
        Range("maxActivePerPhone", settings.MaxActivePerPhone, 1, 20);
        Range("reminderHours", settings.ReminderHours, 1, 168);
        Range("reviewWorkingDays", settings.ReviewWorkingDays, 1, 30);
        Range("incomeLimitFen", settings.IncomeLimitFen, 0, 10_000_000);
        if (settings.ReceptionPetitionCategory is { Length: > 64 })
        {
            errors["receptionPetitionCategory"] = new("类别编码不能超过 64 个字符。", "A category code has at most 64 characters.");
        }

        return errors;
    }
}
