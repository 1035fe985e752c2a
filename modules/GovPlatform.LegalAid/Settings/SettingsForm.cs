using System.Globalization;
using GovPlatform.LegalAid.Models;
using GovPlatform.Localization;

namespace GovPlatform.LegalAid.Settings;

/// <summary>The settings page's form as posted: numbers stay text so a bad value is shown back as typed; the income limit is in yuan.</summary>
public sealed class SettingsForm
{
    public string? CommunityDepth { get; set; }

    public string? MinLeadMinutes { get; set; }

    public string? CancelUntilHours { get; set; }

    public string? MaxActivePerPhone { get; set; }

    public string? ReminderHours { get; set; }

    public string? ReviewWorkingDays { get; set; }

    /// <summary>The means test's monthly income per person, in yuan (<c>2300</c> or <c>2300.50</c>).</summary>
    public string? IncomeLimit { get; set; }

    public string? ReceptionPetitionCategory { get; set; }

    public static SettingsForm From(LegalAidSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new()
        {
            CommunityDepth = Number(settings.CommunityDepth),
            MinLeadMinutes = Number(settings.MinLeadMinutes),
            CancelUntilHours = Number(settings.CancelUntilHours),
            MaxActivePerPhone = Number(settings.MaxActivePerPhone),
            ReminderHours = Number(settings.ReminderHours),
            ReviewWorkingDays = Number(settings.ReviewWorkingDays),
            IncomeLimit = (settings.IncomeLimitFen / 100m).ToString("0.##", CultureInfo.InvariantCulture),
            ReceptionPetitionCategory = settings.ReceptionPetitionCategory,
        };
    }

    /// <summary>The settings typed, or the errors by field (the keys are the inputs' ids).</summary>
    public (LegalAidSettings Settings, Dictionary<string, BilingualText> Errors) Parse()
    {
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        var settings = new LegalAidSettings
        {
            CommunityDepth = Int("communityDepth", CommunityDepth, errors),
            MinLeadMinutes = Int("minLeadMinutes", MinLeadMinutes, errors),
            CancelUntilHours = Int("cancelUntilHours", CancelUntilHours, errors),
            MaxActivePerPhone = Int("maxActivePerPhone", MaxActivePerPhone, errors),
            ReminderHours = Int("reminderHours", ReminderHours, errors),
            ReviewWorkingDays = Int("reviewWorkingDays", ReviewWorkingDays, errors),
            ReceptionPetitionCategory = string.IsNullOrWhiteSpace(ReceptionPetitionCategory) ? null : ReceptionPetitionCategory.Trim(),
        };
        if (decimal.TryParse(IncomeLimit?.Trim().Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var yuan)
            && decimal.Round(yuan, 2) == yuan && yuan <= 100_000_000m)
        {
            settings.IncomeLimitFen = (long)(yuan * 100);
        }
        else
        {
            errors["incomeLimit"] = new("请填写以元为单位的金额，最多两位小数，例如 2300 或 2300.50。", "Give an amount in yuan with at most two decimals, such as 2300 or 2300.50.");
        }

        return (settings, errors);
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static int Int(string key, string? text, Dictionary<string, BilingualText> errors)
    {
        if (int.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors[key] = new("请填写整数。", "Give a whole number.");
        return 0;
    }
}
