using GovPlatform.Data;
using GovPlatform.Localization;
using GovPlatform.Mediation.Models;

namespace GovPlatform.Mediation.Services;

/// <summary>Reads and stages the tenant's mediation rules (document <c>mediation-settings</c>).</summary>
public sealed class MediationSettingsStore(IDocumentStore documents) : SettingsDocumentStore<MediationSettings>(documents, Id)
{
    /// <summary>The settings document's id.</summary>
    public const string Id = "settings";

    /// <summary>Why <paramref name="settings"/> cannot be saved, by field; empty when they can.</summary>
    public static Dictionary<string, BilingualText> Validate(MediationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = new Dictionary<string, BilingualText>();
        void Range(string field, int value, int min, int max)
        {
            if (value < min || value > max)
            {
                errors[field] = new($"应在 {min} 到 {max} 之间。", $"Must be between {min} and {max}.");
            }
        }

        Range("reportingDepth", settings.ReportingDepth, 1, 10);
        Range("holidayCampaignDays", settings.HolidayCampaignDays, 0, 15);
        Range("reminderHours", settings.ReminderHours, 1, 168);
        Range("followUpDays", settings.FollowUpDays, 0, 180);
        if (settings.SensitiveDates.Count > 100)
        {
            errors["sensitiveDates"] = new("敏感节点不能超过 100 个。", "At most 100 sensitive dates.");
        }
        else if (settings.SensitiveDates.Any(d => string.IsNullOrWhiteSpace(d.Name) || d.Name.Trim().Length > 40))
        {
            errors["sensitiveDates"] = new("每个敏感节点都要有名称（不超过 40 字）。", "Each sensitive date needs a name (at most 40 characters).");
        }
        else if (settings.SensitiveDates.GroupBy(d => d.Date).Any(g => g.Count() > 1))
        {
            errors["sensitiveDates"] = new("同一天只能登记一个敏感节点。", "A date can be listed once.");
        }

        return errors;
    }
}
