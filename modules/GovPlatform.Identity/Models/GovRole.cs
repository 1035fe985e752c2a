using Microsoft.AspNetCore.Identity;

namespace GovPlatform.Identity.Models;

/// <summary>A role of the tenant; the built-in ones (<see cref="Security.BuiltInRoles"/>) exist in every tenant.</summary>
public sealed class GovRole : IdentityRole
{
    /// <summary>Creates an empty role (for EF Core).</summary>
    public GovRole()
    {
    }

    /// <summary>Creates a role with its name.</summary>
    public GovRole(string name)
        : base(name)
    {
    }
}
