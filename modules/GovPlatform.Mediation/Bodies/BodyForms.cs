using System.Globalization;
using GovPlatform.Localization;
using GovPlatform.Mediation.Models;

namespace GovPlatform.Mediation.Bodies;

/// <summary>A body's form as posted, every value a string so that what was typed is shown again beside its error.</summary>
public sealed class BodyForm
{
    public string? Code { get; set; }

    public string? Kind { get; set; }

    public string? Name { get; set; }

    public string? EnglishName { get; set; }

    public string? GridUnitCode { get; set; }

    public string? Address { get; set; }

    public string? Hours { get; set; }

    public string? Opens { get; set; }

    public string? Closes { get; set; }

    public string? Capacity { get; set; }

    public string? Phone { get; set; }

    public string? Description { get; set; }

    public bool Active { get; set; }

    /// <summary>The body's <see cref="MediationBody.UpdatedUtc"/> ticks when the page was opened (stale-edit check).</summary>
    public long? Stamp { get; set; }

    /// <summary>The editor's input; an unknown kind is passed as an undefined value, which the editor reports.</summary>
    public MediationBodyInput ToInput() => new(
        Code ?? "", Enum.TryParse<MediationBodyKind>(Kind, out var kind) && Enum.IsDefined(kind) ? kind : (MediationBodyKind)(-1),
        new BilingualText(Name ?? "", EnglishName ?? ""), GridUnitCode ?? "", Address, Hours, Opens, Closes, Capacity, Phone, Description, Active);

    /// <summary>The form of a stored body.</summary>
    public static BodyForm From(MediationBody body) => new()
    {
        Code = body.Code,
        Kind = body.Kind.ToString(),
        Name = body.Name,
        EnglishName = body.EnglishName,
        GridUnitCode = body.GridUnitCode,
        Address = body.Address,
        Hours = body.Hours,
        Opens = body.OpensAt?.ToString("HH:mm", CultureInfo.InvariantCulture),
        Closes = body.ClosesAt?.ToString("HH:mm", CultureInfo.InvariantCulture),
        Capacity = body.Capacity.ToString(CultureInfo.InvariantCulture),
        Phone = body.Phone,
        Description = body.Description,
        Active = body.Active,
        Stamp = body.UpdatedUtc.Ticks,
    };
}

/// <summary>A mediator's form as posted: a new one when <see cref="MediatorId"/> is empty.</summary>
public sealed class MediatorForm
{
    public long? MediatorId { get; set; }

    public string? Name { get; set; }

    public string? Role { get; set; }

    public string? Background { get; set; }

    public string? Profile { get; set; }

    public string? Phone { get; set; }

    public string? UserName { get; set; }

    /// <summary>The body's stamp when the page was opened.</summary>
    public long? Stamp { get; set; }

    /// <summary>The editor's input (a mediator edited here keeps being active; the table's button deactivates).</summary>
    public MediatorInput ToInput(bool active) => new(
        Name ?? "",
        Enum.TryParse<MediatorRole>(Role, out var role) && Enum.IsDefined(role) ? role : (MediatorRole)(-1),
        string.IsNullOrEmpty(Background) ? ElderBackground.None : Enum.TryParse<ElderBackground>(Background, out var background) && Enum.IsDefined(background) ? background : (ElderBackground)(-1),
        Profile, Phone, UserName, active);

    /// <summary>The form of a stored mediator.</summary>
    public static MediatorForm From(Mediator mediator, long stamp) => new()
    {
        MediatorId = mediator.Id,
        Name = mediator.Name,
        Role = mediator.Role.ToString(),
        Background = mediator.Background.ToString(),
        Profile = mediator.Profile,
        Phone = mediator.Phone,
        UserName = mediator.UserName,
        Stamp = stamp,
    };
}

/// <summary>A row of the bodies list.</summary>
/// <param name="Id">The body's id.</param>
/// <param name="Code">Its code.</param>
/// <param name="Name">Its name in the reader's language.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Unit">Its grid unit's name and code.</param>
/// <param name="Mediators">Active mediators.</param>
/// <param name="OpenDisputes">Disputes it has that are not closed.</param>
/// <param name="Active">Whether it takes disputes.</param>
public sealed record BodyRow(long Id, string Code, string Name, MediationBodyKind Kind, string Unit, int Mediators, int OpenDisputes, bool Active);

/// <summary>A choice of a select: its value and its text.</summary>
/// <param name="Value">The posted value.</param>
/// <param name="Text">The text shown.</param>
public sealed record BodyOption(string Value, string Text);

/// <summary>The mediation rules' form as posted; the duty-list item per dispute type is read from <c>Category.{Type}</c> fields beside it.</summary>
public sealed class MediationSettingsForm
{
    public string? ReportingDepth { get; set; }

    public bool AutoCampaigns { get; set; }

    public string? HolidayCampaignDays { get; set; }

    public string? ReminderHours { get; set; }

    public string? FollowUpDays { get; set; }

    public bool FileInPetitionsHall { get; set; }

    public string? DefaultPetitionCategory { get; set; }

    /// <summary>One sensitive date a line: <c>2027-03-05 全国两会</c>.</summary>
    public string? SensitiveDates { get; set; }

    /// <summary>The stored dates as the form's lines.</summary>
    public static string Lines(IEnumerable<SensitiveDate> dates) =>
        string.Join("\n", dates.OrderBy(d => d.Date).Select(d => $"{d.Date:yyyy-MM-dd} {d.Name}"));

    /// <summary>The form's lines as dates, or the number of the first line that is not <c>yyyy-MM-dd name</c>.</summary>
    public static (List<SensitiveDate> Dates, int? BadLine) Parse(string? text)
    {
        var dates = new List<SensitiveDate>();
        var lines = (text ?? "").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var space = line.IndexOfAny([' ', '\t', '\u3000']);
            if (space < 0 || !DateOnly.TryParseExact(line[..space], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
            {
                return (dates, i + 1);
            }

            dates.Add(new SensitiveDate { Date = date, Name = line[(space + 1)..].Trim() });
        }

        return (dates, null);
    }
}
