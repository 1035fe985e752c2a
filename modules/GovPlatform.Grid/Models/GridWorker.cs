namespace GovPlatform.Grid.Models;

/// <summary>A person who works in the grid (网格员, 网格长, a team member), possibly linked to a user account.</summary>
public sealed class GridWorker
{
    public long Id { get; set; }

    public string Name { get; set; } = "";

    public string? Phone { get; set; }

    public GridWorkerKind Kind { get; set; }

    /// <summary>The team the person joins the grid with (万源's five teams), or none.</summary>
    public GridTeam Team { get; set; }

    /// <summary>The user account the person signs in with, by user name, or null.</summary>
    public string? UserName { get; set; }

    public string? Notes { get; set; }

    /// <summary>False once the person has left: kept for the history, hidden from the public page.</summary>
    public bool Active { get; set; } = true;

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }
}
