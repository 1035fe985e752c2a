using GovPlatform.Security;

namespace GovPlatform.RedGrid.Security;

/// <summary>Declares the red-grid permissions and who holds them by default (personal data: street administrators only).</summary>
internal sealed class RedGridPermissionProvider : IPermissionProvider
{
    public IEnumerable<Permission> GetPermissions() => RedGridPermissions.All;

    public IEnumerable<PermissionGrant> GetDefaultGrants() =>
    [
        new(BuiltInRoles.StreetAdmin, RedGridPermissions.All),
        new(BuiltInRoles.CommunityStaff,
        [
            RedGridPermissions.View, RedGridPermissions.Organise, RedGridPermissions.Members, RedGridPermissions.Lists,
            RedGridPermissions.Pairing, RedGridPermissions.Centres, RedGridPermissions.Reports,
        ]),
        new(BuiltInRoles.GridWorker, [RedGridPermissions.View]),
    ];
}
