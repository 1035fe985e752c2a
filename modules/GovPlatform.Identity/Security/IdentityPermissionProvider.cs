using GovPlatform.Security;

namespace GovPlatform.Identity.Security;

/// <summary>Declares the Identity module's permissions. Nobody but Administrators gets them by default: they let a user hand out rights.</summary>
internal sealed class IdentityPermissionProvider : IPermissionProvider
{
    public IEnumerable<Permission> GetPermissions() => [IdentityPermissions.UsersManage, IdentityPermissions.RolesManage];

    public IEnumerable<PermissionGrant> GetDefaultGrants() => [];
}
