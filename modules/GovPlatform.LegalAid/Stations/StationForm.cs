using GovPlatform.LegalAid.Models;

namespace GovPlatform.LegalAid.Stations;

/// <summary>The station editor's form, as posted: every value as typed, so errors can be shown beside it.</summary>
public sealed class StationForm
{
    public string? Code { get; set; }

    public string? Kind { get; set; }

    public string? Name { get; set; }

    public string? EnglishName { get; set; }

    public string? GridUnit { get; set; }

    public string? HostOrganisation { get; set; }

    public string? Address { get; set; }

    public string? Longitude { get; set; }

    public string? Latitude { get; set; }

    /// <summary>The services ticked (enum names).</summary>
    public List<string>? Services { get; set; } = [];

    public string? Hours { get; set; }

    public string? Phone { get; set; }

    public string? Contacts { get; set; }

    public string? Description { get; set; }

    /// <summary>The weekdays ticked (enum names).</summary>
    public List<string>? Days { get; set; } = [];

    public string? Opens { get; set; }

    public string? Closes { get; set; }

    public string? SlotMinutes { get; set; }

    public string? SlotCapacity { get; set; }

    public string? DaysAhead { get; set; }

    public bool Active { get; set; }

    /// <summary>The version the editor was opened at.</summary>
    public int Version { get; set; }

    public StationInput ToInput() => new(
        Code ?? "", Kind ?? "", Name ?? "", EnglishName ?? "", GridUnit ?? "", HostOrganisation, Address ?? "", Longitude, Latitude,
        (Services ?? []).Aggregate(LegalServices.None, (all, s) => Enum.TryParse<LegalServices>(s, out var v) && !int.TryParse(s, out _) ? all | v : all),
        Hours, Phone, Contacts, Description,
        new OpeningRulesInput(Models.OpenDays.Of([.. (Days ?? []).Select(d => Enum.TryParse<DayOfWeek>(d, out var v) && !int.TryParse(d, out _) ? (DayOfWeek?)v : null).OfType<DayOfWeek>()]),
            Opens, Closes, SlotMinutes, SlotCapacity, DaysAhead),
        Active);

    public static StationForm From(StationInput input, int version)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new()
        {
            Code = input.Code,
            Kind = input.Kind,
            Name = input.Name,
            EnglishName = input.EnglishName,
            GridUnit = input.GridUnit,
            HostOrganisation = input.HostOrganisation,
            Address = input.Address,
            Longitude = input.Longitude,
            Latitude = input.Latitude,
            Services = [.. Enum.GetValues<LegalServices>().Where(s => s != LegalServices.None && input.Services.HasFlag(s)).Select(s => s.ToString())],
            Hours = input.Hours,
            Phone = input.Phone,
            Contacts = input.Contacts,
            Description = input.Description,
            Days = [.. Models.OpenDays.Days(input.Rules.OpenDays).Select(d => d.ToString())],
            Opens = input.Rules.Opens,
            Closes = input.Rules.Closes,
            SlotMinutes = input.Rules.SlotMinutes,
            SlotCapacity = input.Rules.SlotCapacity,
            DaysAhead = input.Rules.DaysAhead,
            Active = input.Active,
            Version = version,
        };
    }
}
