using Microsoft.Extensions.Configuration;

namespace GovPlatform.Tenants;

/// <summary>A read-only view of the tenant whose shell the code runs in.</summary>
public interface ITenant
{
    /// <summary>The tenant's name: a lowercase ASCII slug such as <c>zhanqian</c>.</summary>
    string Name { get; }

    /// <summary>Whether this is the host's own Default tenant.</summary>
    bool IsDefault { get; }

    /// <summary>The tenant's state.</summary>
    TenantState State { get; }

    /// <summary>The URL prefix without slashes (e.g. <c>zhanqian</c>), or empty when resolved by host name only.</summary>
    string UrlPrefix { get; }

    /// <summary>Host names the tenant answers to.</summary>
    IReadOnlyList<string> HostNames { get; }

    /// <summary>The tenant's default culture name (e.g. <c>zh-CN</c>).</summary>
    string Culture { get; }

    /// <summary>The tenant's IANA time zone id (e.g. <c>Asia/Shanghai</c>).</summary>
    string TimeZone { get; }

    /// <summary>The tenant's display name in its own culture.</summary>
    string DisplayName { get; }

    /// <summary>The tenant's display name in <paramref name="culture"/> (<c>en</c>, <c>zh-CN</c>) or its language, else in its own culture.</summary>
    string GetDisplayName(string culture);

    /// <summary>The tenant's theme id.</summary>
    string Theme { get; }

    /// <summary>The tenant's merged configuration: host defaults, its definition, its appsettings, its site settings and overrides.</summary>
    IConfiguration Settings { get; }
}
