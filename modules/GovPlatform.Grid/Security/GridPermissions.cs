using GovPlatform.Localization;
using GovPlatform.Security;

namespace GovPlatform.Grid.Security;

/// <summary>The grid module's permissions; all are grid-scoped: a user confined to units exercises them within those units' subtrees.</summary>
public static class GridPermissions
{
    private static readonly BilingualText Group = new("网格", "Grid");

    /// <summary>See units, boundaries, people and the rules report in the admin.</summary>
    public static readonly Permission View = new("Grid.View", new("查看网格", "View the grid"), Group, GridScoped: true);

    /// <summary>Create, edit, move and delete units, edit levels and rules, import and export units.</summary>
    public static readonly Permission Manage = new("Grid.Manage", new("管理网格", "Manage the grid"), Group, GridScoped: true);

    /// <summary>Add and edit grid workers, assign them to units and end their posts, import and export workers.</summary>
    public static readonly Permission ManageWorkers = new("Grid.Workers", new("管理网格员", "Manage grid workers"), Group, GridScoped: true);
}
