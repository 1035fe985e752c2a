using System.Text.RegularExpressions;

namespace GovPlatform.Core.Tenants;

/// <summary>Rules for tenant names and URL prefixes.</summary>
public static partial class TenantNames
{
    /// <summary>Names and prefixes that would clash with the host's own routes or files.</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "default", "host", "admin", "api", "app", "setup", "static", "assets", "content", "_content", "_framework",
        "health", "healthz", "metrics", "login", "logout", "account", "www", "favicon", "robots", "error",
    };

    /// <summary>A lowercase ASCII slug: letters, digits and single hyphens, starting with a letter, 2 to 63 characters.</summary>
    public static bool IsValidSlug(string? value) => value is { Length: >= 2 and <= 63 } && SlugPattern().IsMatch(value);

    public static string? ValidateNewName(string? name)
    {
        if (!IsValidSlug(name))
        {
            return $"Tenant name '{name}' is not a lowercase ASCII slug (a-z, 0-9 and '-', starting with a letter, 2–63 characters).";
        }

        return Reserved.Contains(name!) ? $"Tenant name '{name}' is reserved." : null;
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
