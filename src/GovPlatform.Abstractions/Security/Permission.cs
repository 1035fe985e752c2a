using GovPlatform.Localization;

namespace GovPlatform.Security;

/// <summary>
/// Something a user may be allowed to do, declared by a module (<see cref="IPermissionProvider"/>) and granted to roles
/// by the tenant's administrator. The name is unique across modules: <c>&lt;Module&gt;.&lt;Action&gt;</c>, e.g.
/// <c>Petitions.Assign</c>.
/// </summary>
/// <param name="Name">Unique name, stored in role grants.</param>
/// <param name="Title">What administrators read in the role editor.</param>
/// <param name="Group">Heading the permission is listed under (usually the module's name).</param>
/// <param name="GridScoped">Checks against a grid-scoped resource also require the resource's unit to be inside the user's units.</param>
public sealed record Permission(string Name, BilingualText Title, BilingualText Group, bool GridScoped = false)
{
    /// <summary>The policy name that requires this permission (<c>Permission:&lt;Name&gt;</c>).</summary>
    public string PolicyName => PolicyPrefix + Name;

    /// <summary>Prefix of the authorization policies that require one permission.</summary>
    public const string PolicyPrefix = "Permission:";
}
