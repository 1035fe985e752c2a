using GovPlatform.Localization;
using GovPlatform.Security;
using static GovPlatform.Forms.FieldChecks;

namespace GovPlatform.RedGrid.Organisations;

/// <summary>How a save of an organisation, courtyard or committee went.</summary>
public enum EditOutcome
{
    Done,
    Invalid,
    NotFound,
    Stale,
}

/// <summary>The result of a save: the record, or the errors by field (the key "" for the whole form).</summary>
public sealed record EditResult<T>(EditOutcome Outcome, T? Value, IReadOnlyDictionary<string, BilingualText> Errors)
    where T : class;

/// <summary>A unit as a resource for a grid-scoped permission check (an editor may only put a record on a unit in their scope).</summary>
public sealed record ScopedUnit(string? GridUnitCode) : IGridScopedResource;

/// <summary>Checks the editors share.</summary>
internal static class EditChecks
{
    public static readonly BilingualText Required = new("必填。", "Required.");

    /// <summary>A yyyy-MM-dd date, null when blank; an error when it is not a date.</summary>
    public static DateOnly? Date(Dictionary<string, BilingualText> errors, string key, string? text, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                errors[key] = Required;
            }

            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors[key] = new("请按 yyyy-MM-dd 填写日期。", "Give the date as yyyy-MM-dd.");
        return null;
    }

    public static bool EnumName<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum =>
        Enum.TryParse(text, ignoreCase: false, out value) && Enum.IsDefined(value) && !int.TryParse(text, out _);

    public static string Actor(System.Security.Claims.ClaimsPrincipal? user) => user?.Identity?.Name ?? "recipe";

    /// <summary>The audit category of the red-grid module.</summary>
    public const string AuditCategory = "redgrid";
}
