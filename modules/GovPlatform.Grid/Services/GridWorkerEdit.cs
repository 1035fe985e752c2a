using GovPlatform.Grid.Models;

namespace GovPlatform.Grid.Services;

/// <summary>A worker as the admin's editor posts it.</summary>
public sealed class GridWorkerEdit
{
    public string? Name { get; set; }

    public string? Phone { get; set; }

    public GridWorkerKind Kind { get; set; }

    public GridTeam Team { get; set; }

    public string? UserName { get; set; }

    public string? Notes { get; set; }

    public bool Active { get; set; } = true;

    /// <summary>The editor's form for a stored worker.</summary>
    public static GridWorkerEdit From(GridWorker worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        return new GridWorkerEdit { Name = worker.Name, Phone = worker.Phone, Kind = worker.Kind, Team = worker.Team, UserName = worker.UserName, Notes = worker.Notes, Active = worker.Active };
    }
}
