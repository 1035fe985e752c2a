using System.Globalization;
using GovPlatform.Tenants;

namespace GovPlatform.Themes.Shared;

/// <summary>The tenant's display name in a given language.</summary>
public static class SiteNames
{
    /// <summary>
    /// The name its definition gives for <paramref name="culture"/> or its parent (<c>DisplayName:en</c>), else
    /// <see cref="ITenant.DisplayName"/>, the name in the tenant's own culture.
    /// </summary>
    public static string For(ITenant tenant, CultureInfo culture)
    {
        var names = tenant.Settings.GetSection("DisplayName");
        for (var c = culture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
        {
            if (names[c.Name] is { Length: > 0 } name)
            {
                return name;
            }
        }

        return tenant.DisplayName;
    }
}
