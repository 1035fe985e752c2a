namespace GovPlatform.Grid.Models;

/// <summary>A worker's post in a unit from a date, until an end date (null while it lasts): the assignment history.</summary>
public sealed class GridAssignment
{
    public long Id { get; set; }

    public long WorkerId { get; set; }

    public long UnitId { get; set; }

    public GridRole Role { get; set; }

    public DateOnly StartDate { get; set; }

    public DateOnly? EndDate { get; set; }

    public string? Note { get; set; }

    public DateTime CreatedUtc { get; set; }

    public string? CreatedBy { get; set; }
}
