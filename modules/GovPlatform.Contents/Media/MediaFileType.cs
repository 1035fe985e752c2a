using SkiaSharp;

namespace GovPlatform.Contents.Media;

/// <summary>A kind of file the library accepts: its extensions, what it is served as, and how its bytes are recognised.</summary>
internal sealed record MediaFileType(string Extension, MediaKind Kind, string ContentType, string Name, SKEncodedImageFormat? ImageFormat = null)
{
    private static readonly MediaFileType[] All =
    [
        new("jpg", MediaKind.Images, "image/jpeg", "JPEG", SKEncodedImageFormat.Jpeg),
        new("jpeg", MediaKind.Images, "image/jpeg", "JPEG", SKEncodedImageFormat.Jpeg),
        new("png", MediaKind.Images, "image/png", "PNG", SKEncodedImageFormat.Png),
        new("gif", MediaKind.Images, "image/gif", "GIF", SKEncodedImageFormat.Gif),
        new("webp", MediaKind.Images, "image/webp", "WebP", SKEncodedImageFormat.Webp),
        new("pdf", MediaKind.Files, "application/pdf", "PDF"),
        new("doc", MediaKind.Files, "application/msword", "Word"),
        new("docx", MediaKind.Files, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word"),
        new("xls", MediaKind.Files, "application/vnd.ms-excel", "Excel"),
        new("xlsx", MediaKind.Files, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"),
        new("ppt", MediaKind.Files, "application/vnd.ms-powerpoint", "PowerPoint"),
        new("pptx", MediaKind.Files, "application/vnd.openxmlformats-officedocument.presentationml.presentation", "PowerPoint"),
        new("txt", MediaKind.Files, "text/plain; charset=utf-8", "text"),
        new("csv", MediaKind.Files, "text/csv; charset=utf-8", "CSV"),
    ];

    private static readonly Dictionary<string, MediaFileType> ByExtension = All.ToDictionary(t => t.Extension, StringComparer.OrdinalIgnoreCase);

    /// <summary>The extensions accepted, for the upload form's <c>accept</c>: <c>.jpg,.jpeg,…</c>.</summary>
    public static string Accept { get; } = string.Join(',', All.Select(t => "." + t.Extension));

    /// <summary>The image extensions, for messages.</summary>
    public static string ImageExtensions { get; } = string.Join(", ", All.Where(t => t.Kind == MediaKind.Images).Select(t => t.Extension));

    /// <summary>The document extensions, for messages.</summary>
    public static string FileExtensions { get; } = string.Join(", ", All.Where(t => t.Kind == MediaKind.Files).Select(t => t.Extension));

    /// <summary>The type of an extension (without its dot, any case), or null when it is not accepted.</summary>
    public static MediaFileType? Find(string extension) => ByExtension.GetValueOrDefault(extension);

    /// <summary>The name of an image format, for messages.</summary>
    public static string NameOf(SKEncodedImageFormat format) =>
        All.FirstOrDefault(t => t.ImageFormat == format)?.Name ?? format.ToString().ToUpperInvariant();

    /// <summary>The usual extension of an image format, for messages.</summary>
    public static string? ExtensionOf(SKEncodedImageFormat format) => All.FirstOrDefault(t => t.ImageFormat == format)?.Extension;
}
