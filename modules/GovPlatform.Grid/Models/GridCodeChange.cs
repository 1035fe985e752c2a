namespace GovPlatform.Grid.Models;

/// <summary>A unit's former code (after a move or a recode): the unit still answers to it, and no other unit may take it.</summary>
public sealed class GridCodeChange
{
    public long Id { get; set; }

    public long UnitId { get; set; }

    public string OldCode { get; set; } = "";

    public string NewCode { get; set; } = "";

    public DateTime ChangedUtc { get; set; }

    public string? ChangedBy { get; set; }

    public string? Reason { get; set; }
}
