using GovPlatform.Security;

namespace GovPlatform.Points.Security;

/// <summary>Declares the points permissions and who holds them by default.</summary>
internal sealed class PointsPermissionProvider : IPermissionProvider
{
    public IEnumerable<Permission> GetPermissions() => PointsPermissions.All;

    public IEnumerable<PermissionGrant> GetDefaultGrants() =>
    [
        new(BuiltInRoles.StreetAdmin, PointsPermissions.All),
        new(BuiltInRoles.CommunityStaff,
        [
            PointsPermissions.View, PointsPermissions.Volunteers, PointsPermissions.Organise, PointsPermissions.Rewards,
            PointsPermissions.Rules, PointsPermissions.Reports,
        ]),
        new(BuiltInRoles.GridWorker, [PointsPermissions.View, PointsPermissions.Organise]),
    ];
}
