using GovPlatform.Security;

namespace GovPlatform.Grid.Security;

/// <summary>Declares the grid's permissions and who holds them by default.</summary>
internal sealed class GridPermissionProvider : IPermissionProvider
{
    public IEnumerable<Permission> GetPermissions() => [GridPermissions.View, GridPermissions.Manage, GridPermissions.ManageWorkers];

    public IEnumerable<PermissionGrant> GetDefaultGrants() =>
    [
        new(BuiltInRoles.StreetAdmin, [GridPermissions.View, GridPermissions.Manage, GridPermissions.ManageWorkers]),
        new(BuiltInRoles.CommunityStaff, [GridPermissions.View, GridPermissions.ManageWorkers]),
        new(BuiltInRoles.GridWorker, [GridPermissions.View]),
    ];
}
