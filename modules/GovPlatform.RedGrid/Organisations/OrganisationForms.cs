using System.Globalization;

namespace GovPlatform.RedGrid.Organisations;

/// <summary>The organisation editor's form, as posted: every value as typed, so errors can be shown beside it.</summary>
public sealed class OrganisationForm
{
    public string? Code { get; set; }

    public string? Kind { get; set; }

    public string? Name { get; set; }

    public string? ParentCode { get; set; }

    public string? GridUnit { get; set; }

    /// <summary>The courtyard's id, or blank.</summary>
    public string? Courtyard { get; set; }

    public string? Leader { get; set; }

    public string? Phone { get; set; }

    public string? Address { get; set; }

    public string? FoundedOn { get; set; }

    public bool Active { get; set; }

    /// <summary>The version the editor was opened at.</summary>
    public int Version { get; set; }

    /// <summary>Posted by the "list this grid's courtyards" button: show the form again with the chosen grid's courtyards, saving nothing.</summary>
    public bool Refresh { get; set; }

    public OrganisationInput ToInput() => new(
        Code ?? "", Kind ?? "", Name ?? "", ParentCode, GridUnit ?? "",
        long.TryParse(Courtyard, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null,
        Leader, Phone, Address, FoundedOn, Active);

    public static OrganisationForm From(OrganisationInput input, int version)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new()
        {
            Code = input.Code,
            Kind = input.Kind,
            Name = input.Name,
            ParentCode = input.ParentCode,
            GridUnit = input.GridUnit,
            Courtyard = input.CourtyardId?.ToString(CultureInfo.InvariantCulture),
            Leader = input.Leader,
            Phone = input.Phone,
            Address = input.Address,
            FoundedOn = input.FoundedOn,
            Active = input.Active,
            Version = version,
        };
    }
}

/// <summary>The courtyard form, as posted.</summary>
public sealed class CourtyardForm
{
    public string? GridUnit { get; set; }

    public string? Name { get; set; }

    public string? Buildings { get; set; }

    public string? Households { get; set; }

    public bool Active { get; set; }

    public CourtyardInput ToInput() => new(GridUnit ?? "", Name ?? "", Buildings, Households, Active);
}
