using System.Globalization;
using GovPlatform.Localization;
using GovPlatform.Points.Models;

namespace GovPlatform.Points.Activities;

/// <summary>An activity's form as posted, every value a string so that what was typed is shown again beside its error.</summary>
public sealed class ActivityForm
{
    private const string Format = "yyyy-MM-ddTHH:mm";

    public string? Title { get; set; }

    public string? Type { get; set; }

    public string? GridUnitCode { get; set; }

    public string? Place { get; set; }

    public string? Description { get; set; }

    /// <summary>Local times in the tenant's zone, as a <c>datetime-local</c> input posts them.</summary>
    public string? Starts { get; set; }

    public string? Ends { get; set; }

    public string? SignUpOpens { get; set; }

    public string? SignUpCloses { get; set; }

    public string? Capacity { get; set; }

    /// <summary>Empty: the points the rules in force give the type.</summary>
    public string? Points { get; set; }

    /// <summary>The activity's version when the form was opened (stale-edit check).</summary>
    public int? Version { get; set; }

    /// <summary>The service's input, or the fields that could not be read.</summary>
    public (ActivityInput? Input, Dictionary<string, BilingualText> Errors) ToInput(TimeZoneInfo zone)
    {
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        DateTime Time(string? text, string field)
        {
            if (DateTime.TryParseExact(text?.Trim(), [Format, "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);
            }

            errors[field] = new("请填写日期和时间，例如 2026-12-05 09:00。", "Enter a date and time, e.g. 2026-12-05 09:00.");
            return default;
        }

        var starts = Time(Starts, "starts");
        var ends = Time(Ends, "ends");
        var opens = Time(SignUpOpens, "signUpOpens");
        var closes = Time(SignUpCloses, "signUpCloses");
        if (!int.TryParse(Capacity?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var capacity))
        {
            errors["capacity"] = new("请填写整数（0 表示不限）。", "Enter a whole number (0: no limit).");
        }

        int? points = null;
        if (!string.IsNullOrWhiteSpace(Points))
        {
            if (int.TryParse(Points.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var p))
            {
                points = p;
            }
            else
            {
                errors["points"] = new("请填写整数，或留空按积分规则。", "Enter a whole number, or leave it empty for the rules' points.");
            }
        }

        var type = Enum.TryParse<ActivityType>(Type, out var parsed) && Enum.IsDefined(parsed) ? parsed : (ActivityType)(-1);
        return errors.Count > 0 ? (null, errors)
            : (new ActivityInput(Title ?? "", type, GridUnitCode ?? "", Place, Description, starts, ends, capacity, opens, closes, points), errors);
    }

    /// <summary>The form of a stored activity.</summary>
    public static ActivityForm From(Activity activity, TimeZoneInfo zone) => new()
    {
        Title = activity.Title,
        Type = activity.Type.ToString(),
        GridUnitCode = activity.GridUnitCode,
        Place = activity.Place,
        Description = activity.Description,
        Starts = LocalText(activity.StartsUtc, zone),
        Ends = LocalText(activity.EndsUtc, zone),
        SignUpOpens = LocalText(activity.SignUpOpensUtc, zone),
        SignUpCloses = LocalText(activity.SignUpClosesUtc, zone),
        Capacity = activity.Capacity.ToString(CultureInfo.InvariantCulture),
        Points = activity.Points.ToString(CultureInfo.InvariantCulture),
        Version = activity.Version,
    };

    /// <summary>A UTC time as the form's local text.</summary>
    public static string LocalText(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString(Format, CultureInfo.InvariantCulture);
}

/// <summary>The cancel form (its reason), the roster's check-in (the ticked volunteers) and the code form.</summary>
public sealed class ActivityActionForm
{
    public string? Reason { get; set; }

    public List<long> VolunteerIds { get; set; } = [];

    public string? Code { get; set; }
}

/// <summary>A row of the activities list.</summary>
/// <param name="Activity">The activity.</param>
/// <param name="Unit">Its unit's name and code.</param>
/// <param name="SignedUp">Places taken.</param>
public sealed record ActivityRow(Activity Activity, string Unit, int SignedUp);

/// <summary>A line of the roster.</summary>
/// <param name="SignUp">The sign-up.</param>
/// <param name="Name">The volunteer's name.</param>
/// <param name="Phone">The volunteer's phone.</param>
public sealed record RosterLine(SignUp SignUp, string Name, string Phone);

/// <summary>A choice of a select.</summary>
/// <param name="Value">The posted value.</param>
/// <param name="Text">The text shown.</param>
public sealed record ActivityOption(string Value, string Text);
