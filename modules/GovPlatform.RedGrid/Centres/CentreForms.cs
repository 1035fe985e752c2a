namespace GovPlatform.RedGrid.Centres;

/// <summary>The centre editor's form, as posted: every value as typed, so errors can be shown beside it.</summary>
public sealed class CentreForm
{
    public string? Code { get; set; }

    public string? Level { get; set; }

    public string? Name { get; set; }

    public string? GridUnit { get; set; }

    public string? Address { get; set; }

    public string? Longitude { get; set; }

    public string? Latitude { get; set; }

    public string? Hours { get; set; }

    public string? Phone { get; set; }

    /// <summary>One service per line.</summary>
    public string? Services { get; set; }

    public string? Description { get; set; }

    public bool Active { get; set; }

    public int Version { get; set; }
}

/// <summary>The new-activity form on a centre's page.</summary>
public sealed class ActivityForm
{
    public string? Title { get; set; }

    /// <summary>Local start, <c>yyyy-MM-ddTHH:mm</c>.</summary>
    public string? StartsAt { get; set; }

    public string? Place { get; set; }

    public string? Description { get; set; }

    public bool Published { get; set; }
}
