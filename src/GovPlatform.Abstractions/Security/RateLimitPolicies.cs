namespace GovPlatform.Security;

/// <summary>
/// Rate-limiting policies every shell defines, per tenant and per client address. Endpoints opt in with
/// <c>.RequireRateLimiting(RateLimitPolicies.SignIn)</c>; a refused request gets 429 with Retry-After.
/// </summary>
public static class RateLimitPolicies
{
    /// <summary>Sign-in, password reset: 10 attempts a minute per address.</summary>
    public const string SignIn = "gp-sign-in";

    /// <summary>Registration and public forms (petitions, bookings): 20 posts a minute per address.</summary>
    public const string PublicForm = "gp-public-form";
}
