using GovPlatform.Security;

namespace GovPlatform.Identity.Security;

/// <summary>Declares the Identity module's and the admin area's permissions; the street administrators may enter the admin and read the audit log.</summary>
internal sealed class IdentityPermissionProvider : IPermissionProvider
{
    public IEnumerable<Permission> GetPermissions() =>
    [
        IdentityPermissions.UsersManage,
        IdentityPermissions.RolesManage,
        IdentityPermissions.AuditLogView,
        IdentityPermissions.AdminAccess,
        IdentityPermissions.FeaturesManage,
        IdentityPermissions.SettingsManage,
    ];

    public IEnumerable<PermissionGrant> GetDefaultGrants() =>
    [
        new(BuiltInRoles.StreetAdmin, [IdentityPermissions.AdminAccess, IdentityPermissions.AuditLogView]),
        new(BuiltInRoles.CommunityStaff, [IdentityPermissions.AdminAccess]),
    ];
}
