using GovPlatform.Localization;
using GovPlatform.Security;

namespace Acme.Parking;

/// <summary>The module's permissions. The name is what role grants store: keep it stable.</summary>
public static class ModulePermissions
{
    private static readonly BilingualText Group = new("Acme.Parking", "Acme.Parking");

    /// <summary>Require it on the module's admin endpoints: <c>.RequirePermission(ModulePermissions.Manage)</c>.</summary>
    public static readonly Permission Manage = new(ModuleInfo.Id + ".Manage", new("管理本模块", "Manage this module"), Group);
}

/// <summary>Declares the permissions (found by the module scan: no registration) and what street admins get.</summary>
public sealed class PermissionProvider : IPermissionProvider
{
    public IEnumerable<Permission> GetPermissions() => [ModulePermissions.Manage];

    public IEnumerable<PermissionGrant> GetDefaultGrants() => [new(BuiltInRoles.StreetAdmin, [ModulePermissions.Manage])];
}
