using Microsoft.AspNetCore.Identity;

namespace GovPlatform.Identity.Models;

/// <summary>A person who signs in to one tenant: Identity's user plus what the districts need to know of them.</summary>
public sealed class GovUser : IdentityUser
{
    /// <summary>The name shown to others (a real name for staff, a nickname for residents).</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>The culture the user reads pages in (<c>zh-CN</c>, <c>en</c>), or null for the tenant's.</summary>
    public string? PreferredCulture { get; set; }

    /// <summary>When the account was created (UTC).</summary>
    public DateTime CreatedUtc { get; set; }
}
