using System.Text.RegularExpressions;

namespace GovPlatform.Contents.Services;

/// <summary>Content item ids: new ones are version-7 GUIDs (32 hex digits, ordered by creation); recipes may give their own.</summary>
internal static partial class ContentItemIds
{
    public static string New() => Guid.CreateVersion7().ToString("N");

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
