using System.Diagnostics.CodeAnalysis;

namespace GovPlatform.Contents.Media;

/// <summary>
/// Media paths and their public addresses. A media path is relative, with <c>/</c> between folders, and never leaves
/// the media folder: no empty, <c>.</c> or <c>..</c> segment, no <c>\</c>, <c>:</c> or control character, at most
/// <see cref="MaxLength"/> characters. The library stores files at <c>{yyyy}/{MM}/{hash}-{name}</c>.
/// </summary>
public static class MediaPaths
{
    /// <summary>The longest path accepted.</summary>
    public const int MaxLength = 400;

    /// <summary>The first segment of the public address of a media file, inside the tenant: <c>media/{path}</c>.</summary>
    public const string RoutePrefix = "media";

    /// <summary>Whether <paramref name="path"/> is a well-formed media path that stays inside the media folder.</summary>
    public static bool IsValid([NotNullWhen(true)] string? path)
    {
        if (string.IsNullOrEmpty(path) || path.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in path)
        {
            if (c is '\\' or ':' || char.IsControl(c))
            {
                return false;
            }
        }

        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or "." or ".." || segment.Trim().Length == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><paramref name="path"/> when it is valid; otherwise throws <see cref="ArgumentException"/>.</summary>
    public static string Check(string? path) =>
        IsValid(path) ? path : throw new ArgumentException($"'{path}' is not a relative media path inside the media folder.", nameof(path));

    /// <summary>
    /// The public address of the media file at <paramref name="path"/> in the tenant whose base path is
    /// <paramref name="pathBase"/> (<c>HttpContext.Request.PathBase</c>: <c>/lianhu</c>, or empty):
    /// <c>/lianhu/media/2025/06/3f2a9c0b1d4e-%E9%80%9A%E7%9F%A5.pdf</c>, each segment escaped.
    /// </summary>
    public static string Url(string? pathBase, string path) =>
        $"{pathBase}/{RoutePrefix}/{string.Join('/', Check(path).Split('/').Select(Uri.EscapeDataString))}";
}
