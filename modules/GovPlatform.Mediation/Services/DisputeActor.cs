using System.Security.Claims;

namespace GovPlatform.Mediation.Services;

/// <summary>Who acts on a dispute: a signed-in staff member (checked against permissions), or the platform itself.</summary>
/// <param name="Name">The user name, or <c>system</c>, or <c>room:petitions</c>.</param>
/// <param name="DisplayName">The name shown in the timeline.</param>
/// <param name="User">The principal whose permissions are checked; null for the platform.</param>
public sealed record DisputeActor(string Name, string? DisplayName, ClaimsPrincipal? User)
{
    /// <summary>The platform (a background job, the petitions hall's referral).</summary>
    public static DisputeActor System { get; } = new("system", null, null);

    /// <summary>A signed-in staff member.</summary>
    public static DisputeActor Staff(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.Identity?.Name ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "?", user.FindFirstValue("gp:display_name") ?? user.Identity?.Name, user);
    }
}
