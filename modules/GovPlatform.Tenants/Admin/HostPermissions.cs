using GovPlatform.Localization;
using GovPlatform.Security;

namespace GovPlatform.Tenants.Admin;

/// <summary>The host admin's permission: only the Default tenant has this feature, so only its users can hold it.</summary>
public sealed class HostPermissions : IPermissionProvider
{
    /// <summary>Create, disable, enable, reload, export and remove tenants.</summary>
    public static readonly Permission ManageTenants = new("Tenants.Manage", new("管理租户（区县）", "Manage tenants (districts)"), new("平台", "Platform"));

    public IEnumerable<Permission> GetPermissions() => [ManageTenants];

    public IEnumerable<PermissionGrant> GetDefaultGrants() => [];
}
