namespace GovPlatform.Petitions.Models;

/// <summary>
/// A category of the duty list (职责清单), or an item of one (<see cref="ParentCode"/> set). Items carry the lead
/// department, the handling deadline and whether they may be solved on the spot; a petition names an item, or a
/// category that has none.
/// </summary>
internal sealed class PetitionCategory
{
    public long Id { get; set; }

    public string Code { get; set; } = "";

    public string? ParentCode { get; set; }

    public string Name { get; set; } = "";

    public string EnglishName { get; set; } = "";

    public string? Department { get; set; }

    public int DeadlineAmount { get; set; }

    public DeadlineUnit DeadlineUnit { get; set; }

    public bool OnTheSpot { get; set; }

    public int Position { get; set; }

    public bool Active { get; set; } = true;
}

/// <summary>How a category's deadline counts: working hours or working days on the tenant's calendar.</summary>
internal enum DeadlineUnit
{
    WorkingHours = 0,
    WorkingDays = 1,
}
