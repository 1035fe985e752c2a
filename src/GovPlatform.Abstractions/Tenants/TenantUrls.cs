using Microsoft.AspNetCore.Http;

namespace GovPlatform.Tenants;

/// <summary>Links and redirects inside the current tenant.</summary>
public static class TenantUrls
{
    /// <summary>The path of <paramref name="path"/> (<c>admin/features</c>) inside the tenant: <c>/zhanqian/admin/features</c>.</summary>
    public static string TenantPath(this HttpContext context, string path) =>
        $"{context.Request.PathBase.Value}/{path.TrimStart('/')}";

    /// <summary>
    /// <paramref name="returnUrl"/> when it is a local path inside this tenant (no scheme, no host, no <c>//</c> or
    /// <c>/\</c>), otherwise the tenant's home: what a sign-in redirects to, never another site or tenant.
    /// </summary>
    public static string SafeReturnUrl(this HttpContext context, string? returnUrl)
    {
        var home = context.TenantPath("");
        if (string.IsNullOrEmpty(returnUrl) || returnUrl[0] != '/' || returnUrl.StartsWith("//", StringComparison.Ordinal) ||
            returnUrl.StartsWith("/\\", StringComparison.Ordinal) || returnUrl.Any(char.IsControl))
        {
            return home;
        }

        var pathBase = context.Request.PathBase.Value ?? "";
        return pathBase.Length == 0 || returnUrl.Equals(pathBase, StringComparison.OrdinalIgnoreCase) ||
            returnUrl.StartsWith(pathBase + "/", StringComparison.OrdinalIgnoreCase) ||
            returnUrl.StartsWith(pathBase + "?", StringComparison.OrdinalIgnoreCase)
            ? returnUrl
            : home;
    }
}
