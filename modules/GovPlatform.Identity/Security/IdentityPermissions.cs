using GovPlatform.Localization;
using GovPlatform.Security;

namespace GovPlatform.Identity.Security;

/// <summary>The permissions of the Identity module and of the tenant's admin area.</summary>
public static class IdentityPermissions
{
    private static readonly BilingualText UsersGroup = new("用户与权限", "Users and permissions");
    private static readonly BilingualText AdminGroup = new("站点管理", "Site administration");

    /// <summary>Create, edit, lock and reset users, and assign their roles and grid units.</summary>
    public static readonly Permission UsersManage = new("Users.Manage", new("管理用户", "Manage users"), UsersGroup);

    /// <summary>Edit the permissions granted to roles.</summary>
    public static readonly Permission RolesManage = new("Roles.Manage", new("管理角色权限", "Manage role permissions"), UsersGroup);

    /// <summary>Read the tenant's audit log.</summary>
    public static readonly Permission AuditLogView = new("AuditLog.View", new("查看审计日志", "View the audit log"), UsersGroup);

    /// <summary>Enter the tenant's admin area (<c>/admin</c>).</summary>
    public static readonly Permission AdminAccess = new("Admin.Access", new("进入管理后台", "Enter the admin area"), AdminGroup);

    /// <summary>Switch the tenant's features on and off.</summary>
    public static readonly Permission FeaturesManage = new("Features.Manage", new("管理功能模块", "Manage features"), AdminGroup);

    /// <summary>Edit the tenant's site settings.</summary>
    public static readonly Permission SettingsManage = new("Settings.Manage", new("管理站点设置", "Manage site settings"), AdminGroup);
}
