using GovPlatform.RedGrid.Models;

namespace GovPlatform.RedGrid.Lists;

/// <summary>The resident unit editor's form, as posted: every value as typed, so errors can be shown beside it.</summary>
public sealed class UnitForm
{
    public string? Code { get; set; }

    public string? Name { get; set; }

    public string? Kind { get; set; }

    public string? GridUnit { get; set; }

    public string? Address { get; set; }

    public string? Longitude { get; set; }

    public string? Latitude { get; set; }

    public string? Contact { get; set; }

    public string? Phone { get; set; }

    public bool Active { get; set; }

    /// <summary>The version the editor was opened at.</summary>
    public int Version { get; set; }

    public ResidentUnitInput ToInput() => new(Code ?? "", Name ?? "", Kind ?? "", GridUnit ?? "", Address, Longitude, Latitude, Contact, Phone, Active);

    public static UnitForm From(ResidentUnit unit)
    {
        var input = ResidentUnitInput.From(unit);
        return new()
        {
            Code = input.Code,
            Name = input.Name,
            Kind = input.Kind,
            GridUnit = input.GridUnit,
            Address = input.Address,
            Longitude = input.Longitude,
            Latitude = input.Latitude,
            Contact = input.Contact,
            Phone = input.Phone,
            Active = input.Active,
            Version = unit.Version,
        };
    }
}

/// <summary>A resource's form on its unit's page.</summary>
public sealed class ResourceForm
{
    public string? Type { get; set; }

    public string? Title { get; set; }

    public string? Description { get; set; }

    public string? Quantity { get; set; }

    public string? Unit { get; set; }

    public bool Available { get; set; }

    /// <summary>The version of the resource the form was opened at (0 when adding one).</summary>
    public int Version { get; set; }

    public UnitResourceInput ToInput() => new(Type ?? "", Title ?? "", Description, Quantity, Unit, Available);
}

/// <summary>The need form.</summary>
public sealed class NeedForm
{
    public string? GridUnit { get; set; }

    public string? Type { get; set; }

    public string? Title { get; set; }

    public string? Description { get; set; }

    public NeedInput ToInput() => new(GridUnit ?? "", Type ?? "", Title ?? "", Description);
}

/// <summary>The match form on a need's page.</summary>
public sealed class MatchForm
{
    public long ResourceId { get; set; }

    public int NeedVersion { get; set; }

    public string? Title { get; set; }

    public string? Owner { get; set; }

    public string? StartsOn { get; set; }

    public bool UsedUp { get; set; }

    public MatchInput ToInput() => new(ResourceId, NeedVersion, Title ?? "", Owner ?? "", StartsOn, UsedUp);
}

/// <summary>A project's forms (start, complete, cancel, public flag) on its need's page.</summary>
public sealed class ProjectForm
{
    public int Version { get; set; }

    public string? Outcome { get; set; }

    public string? Beneficiaries { get; set; }

    public string? CompletedOn { get; set; }

    public bool Shown { get; set; }
}
