using GovPlatform.Localization;
using GovPlatform.Security;

namespace GovPlatform.Identity.Security;

/// <summary>The permissions of the Identity module (the admin area's own, such as <c>Admin.Access</c>, are GovPlatform.Admin's).</summary>
public static class IdentityPermissions
{
    private static readonly BilingualText Group = new("用户与权限", "Users and permissions");

    /// <summary>Create, edit, lock and reset users, and assign their roles and grid units.</summary>
    public static readonly Permission UsersManage = new("Users.Manage", new("管理用户", "Manage users"), Group);

    /// <summary>Edit the permissions granted to roles.</summary>
    public static readonly Permission RolesManage = new("Roles.Manage", new("管理角色权限", "Manage role permissions"), Group);
}
