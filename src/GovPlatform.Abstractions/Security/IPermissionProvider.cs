namespace GovPlatform.Security;

/// <summary>
/// Declares a feature's permissions and what the built-in roles get by default. Found by the module scan: a module
/// implements it and does not register it. Defaults are granted when the tenant is set up and when the feature is
/// first enabled; after that, the tenant's administrator decides.
/// </summary>
public interface IPermissionProvider
{
    /// <summary>The feature's permissions.</summary>
    IEnumerable<Permission> GetPermissions();

    /// <summary>Default grants to the built-in roles (<see cref="BuiltInRoles"/>).</summary>
    IEnumerable<PermissionGrant> GetDefaultGrants();
}

/// <summary>Permissions a role receives by default.</summary>
public sealed record PermissionGrant(string Role, IReadOnlyList<Permission> Permissions);
