using System.Globalization;
using GovPlatform.LegalAid.Models;
using GovPlatform.LegalAid.Stations;

namespace GovPlatform.LegalAid.Advisers;

/// <summary>The firm editor's form as posted; <see cref="Stamp"/> is the firm's last change when the editor opened (stale check).</summary>
public sealed class FirmForm
{
    public string? Name { get; set; }

    public string? EnglishName { get; set; }

    public string? CreditCode { get; set; }

    public string? Address { get; set; }

    public string? Phone { get; set; }

    public bool Active { get; set; }

    public long Stamp { get; set; }

    public FirmInput ToInput() => new(Name ?? "", EnglishName, CreditCode, Address, Phone, Active);

    public static FirmForm From(LawFirm firm)
    {
        ArgumentNullException.ThrowIfNull(firm);
        return new() { Name = firm.Name, EnglishName = firm.EnglishName, CreditCode = firm.CreditCode, Address = firm.Address, Phone = firm.Phone, Active = firm.Active, Stamp = firm.UpdatedUtc.Ticks };
    }
}

/// <summary>The lawyer editor's form as posted; <see cref="Firm"/> is the firm's name (the service's input).</summary>
public sealed class LawyerForm
{
    public string? Name { get; set; }

    public string? Firm { get; set; }

    public string? LicenceNumber { get; set; }

    public string? Phone { get; set; }

    public string? Specialities { get; set; }

    public string? UserName { get; set; }

    public bool TakesAidCases { get; set; }

    public bool Active { get; set; }

    public long Stamp { get; set; }

    public LawyerInput ToInput() => new(Name ?? "", Firm, LicenceNumber, Phone, Specialities, UserName, TakesAidCases, Active);

    public static LawyerForm From(Lawyer lawyer, string? firmName)
    {
        ArgumentNullException.ThrowIfNull(lawyer);
        return new()
        {
            Name = lawyer.Name,
            Firm = firmName,
            LicenceNumber = lawyer.LicenceNumber,
            Phone = lawyer.Phone,
            Specialities = lawyer.Specialities,
            UserName = lawyer.UserName,
            TakesAidCases = lawyer.TakesAidCases,
            Active = lawyer.Active,
            Stamp = lawyer.UpdatedUtc.Ticks,
        };
    }
}

/// <summary>The new term's form as posted: community, lawyer (licence number), dates, place, hours and booking rules.</summary>
public sealed class TermForm
{
    public string? Community { get; set; }

    public string? Licence { get; set; }

    public string? StartsOn { get; set; }

    public string? EndsOn { get; set; }

    public string? Place { get; set; }

    public string? Hours { get; set; }

    /// <summary>The weekdays ticked (enum names).</summary>
    public List<string>? Days { get; set; } = [];

    public string? Opens { get; set; }

    public string? Closes { get; set; }

    public string? SlotMinutes { get; set; }

    public string? SlotCapacity { get; set; }

    public string? DaysAhead { get; set; }

    public AssignmentInput ToInput() => new(Community ?? "", Licence ?? "", StartsOn, EndsOn, Place, Hours,
        new OpeningRulesInput(OpenDays.Of([.. (Days ?? []).Select(d => Enum.TryParse<DayOfWeek>(d, out var v) && !int.TryParse(d, out _) ? (DayOfWeek?)v : null).OfType<DayOfWeek>()]),
            Opens, Closes, SlotMinutes, SlotCapacity, DaysAhead));

    /// <summary>An empty form: a year from <paramref name="today"/>, Wednesday afternoons, one place per 30 minutes.</summary>
    public static TermForm New(DateOnly today) => new()
    {
        StartsOn = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        EndsOn = today.AddYears(1).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Days = [nameof(DayOfWeek.Wednesday)],
        Opens = "14:30",
        Closes = "17:30",
        SlotMinutes = "30",
        SlotCapacity = "1",
        DaysAhead = "14",
    };
}

/// <summary>The "end early" form: the last day, why, and the term's version when the page opened.</summary>
public sealed class EndTermForm
{
    public string? EndsOn { get; set; }

    public string? Reason { get; set; }

    public int Version { get; set; }
}

/// <summary>A lawyer's line in the admin list.</summary>
public sealed record LawyerRow(Lawyer Lawyer, string? Firm, IReadOnlyList<string> Communities);

/// <summary>A term's line in the admin list; <see cref="Status"/> is <c>current</c>, <c>ended</c> or <c>future</c>.</summary>
public sealed record TermRow(AdviserAssignment Term, string Community, string Lawyer, string Status);

/// <summary>An option of a select.</summary>
public sealed record Choice(string Value, string Text);
