namespace GovPlatform.Tenants;

/// <summary>
/// Names and paths of a tenant's cookies: <c>.gp.&lt;tenant&gt;.&lt;purpose&gt;</c> on the tenant's prefix, so that
/// tenants sharing a host name never read or overwrite each other's cookies.
/// </summary>
public static class TenantCookies
{
    /// <summary>The cookie name for a purpose (<c>auth</c>, <c>af</c>, <c>culture</c>…).</summary>
    public static string Name(string tenant, string purpose) => $".gp.{tenant}.{purpose}";

    /// <summary>The cookie path: <c>/&lt;prefix&gt;</c>, or <c>/</c> for a tenant without a prefix.</summary>
    public static string Path(string urlPrefix) => string.IsNullOrEmpty(urlPrefix) ? "/" : "/" + urlPrefix;

    /// <summary>The tenant's cookie name for a purpose.</summary>
    public static string CookieName(this ITenant tenant, string purpose) => Name(tenant?.Name ?? throw new ArgumentNullException(nameof(tenant)), purpose);

    /// <summary>The tenant's cookie path.</summary>
    public static string CookiePath(this ITenant tenant) => Path(tenant?.UrlPrefix ?? throw new ArgumentNullException(nameof(tenant)));
}
