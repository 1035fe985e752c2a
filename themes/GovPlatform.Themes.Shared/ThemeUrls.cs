using GovPlatform.Tenants;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace GovPlatform.Themes.Shared;

/// <summary>The links every theme's chrome needs, inside the current tenant.</summary>
public static class ThemeUrls
{
    // Query keys the request localisation reads: a return URL keeping them would undo the language switch.
    private static readonly string[] CultureQueryKeys = ["culture", "ui-culture"];

    /// <summary>The current page as a local URL (prefix, path and query), without the culture query keys.</summary>
    public static string CurrentLocalUrl(this HttpContext context)
    {
        var path = context.Request.PathBase.Add(context.Request.Path).Value;
        if (string.IsNullOrEmpty(path))
        {
            path = "/";
        }

        var query = context.Request.Query;
        if (!CultureQueryKeys.Any(query.ContainsKey))
        {
            return path + context.Request.QueryString.Value;
        }

        var kept = query.Where(q => !CultureQueryKeys.Contains(q.Key, StringComparer.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)));
        return QueryHelpers.AddQueryString(path, kept);
    }

    /// <summary>The tenant's culture switch: <c>/zhanqian/culture/en?returnUrl=…</c>, back to the current page.</summary>
    public static string CultureSwitchUrl(this HttpContext context, string culture) =>
        QueryHelpers.AddQueryString(context.TenantPath($"culture/{culture}"), "returnUrl", context.CurrentLocalUrl());

    /// <summary>The sign-in page, back to the current page afterwards.</summary>
    public static string SignInUrl(this HttpContext context) =>
        QueryHelpers.AddQueryString(context.TenantPath("account/login"), "returnUrl", context.CurrentLocalUrl());

    /// <summary>The registration page.</summary>
    public static string RegisterUrl(this HttpContext context) => context.TenantPath("account/register");

    /// <summary>Where the sign-out form posts.</summary>
    public static string SignOutUrl(this HttpContext context) => context.TenantPath("account/logout");

    /// <summary>Whether the request is for <paramref name="path"/> (relative to the tenant, as in a menu item).</summary>
    public static bool IsCurrent(this HttpContext context, string path) =>
        string.Equals((context.Request.Path.Value ?? "").Trim('/'), path.Trim('/'), StringComparison.OrdinalIgnoreCase);
}
