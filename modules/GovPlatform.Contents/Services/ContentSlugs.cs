using System.Text.RegularExpressions;

namespace GovPlatform.Contents.Services;

/// <summary>
/// Slugs of public pages: up to five segments of letters (Chinese included), digits, <c>-</c> and <c>_</c>, separated by
/// <c>/</c>, lowercase, at most 200 characters.
/// </summary>
internal static partial class ContentSlugs
{
    public const int MaxLength = 200;

    /// <summary>First path segments the platform's own pages use, besides those found among the shell's endpoints.</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "admin", "api", "media", "contents", "account", "culture", "grid", "_content", "_framework", "css", "js", "lib",
        "favicon.ico", "robots.txt", "setup", "health",
    };

    public static string? Normalize(string? slug)
    {
        if (string.IsNullOrWhiteSpace(slug))
        {
            return null;
        }

        var trimmed = slug.Trim().Trim('/').ToLowerInvariant();
        return trimmed.Length == 0 ? null : trimmed;
    }

    /// <summary>The error for a normalised slug, or null when it is well formed (reserved first segments are checked by <see cref="ContentRouteReservations"/>).</summary>
    public static string? Check(string slug)
    {
        if (slug.Length > MaxLength)
        {
            return ContentText.L($"地址最多 {MaxLength} 个字符。", $"A path has at most {MaxLength} characters.");
        }

        var segments = slug.Split('/');
        return segments.Length > 5 || !segments.All(s => SegmentPattern().IsMatch(s))
            ? ContentText.L(
                "地址只能包含字母、汉字、数字、“-”和“_”，最多五段，用“/”分隔。",
                "A path has up to five segments of letters, digits, '-' and '_', separated by '/'.")
            : null;
    }

    [GeneratedRegex(@"^[\p{L}\p{N}_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex SegmentPattern();
}
