using System.Text.RegularExpressions;
using GovPlatform.Localization;
using GovPlatform.Mediation.Models;
using GovPlatform.Mediation.Services;

namespace GovPlatform.Mediation.Bodies;

/// <summary>
/// Checks the mediation rules beyond <see cref="MediationSettingsStore.Validate"/>: the duty-list items disputes are
/// filed under in the petitions hall, keyed by dispute type names (<c>Neighbourhood</c>) and given as item codes.
/// </summary>
public static partial class MediationRules
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex ItemCode();

    /// <summary>Every error of <paramref name="settings"/>, by field (<c>category.Neighbourhood</c>, <c>defaultPetitionCategory</c> …).</summary>
    public static Dictionary<string, BilingualText> Validate(MediationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = MediationSettingsStore.Validate(settings);
        var badCode = new BilingualText("事项编码用 1–32 个字母、数字、点、下划线或连字符（例如 0201）。", "An item code is 1–32 letters, digits, dots, underscores or hyphens (e.g. 0201).");
        foreach (var (type, code) in settings.PetitionCategories)
        {
            if (!Enum.TryParse<DisputeType>(type, out var parsed) || !Enum.IsDefined(parsed) || parsed.ToString() != type)
            {
                errors[$"category.{type}"] = new($"没有纠纷类型“{type}”（可用：{string.Join("、", Enum.GetNames<DisputeType>())}）。",
                    $"There is no dispute type '{type}' (use one of {string.Join(", ", Enum.GetNames<DisputeType>())}).");
            }
            else if (!ItemCode().IsMatch(code ?? ""))
            {
                errors[$"category.{type}"] = badCode;
            }
        }

        if (settings.DefaultPetitionCategory is { } fallback && !ItemCode().IsMatch(fallback))
        {
            errors["defaultPetitionCategory"] = badCode;
        }

        return errors;
    }
}
