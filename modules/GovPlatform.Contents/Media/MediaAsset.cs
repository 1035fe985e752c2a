namespace GovPlatform.Contents.Media;

/// <summary>A file of the tenant's media library: the record of one stored upload (<c>gp_content_media</c>).</summary>
public sealed class MediaAsset
{
    public long Id { get; set; }

    /// <summary>Where the file is stored and served (<c>media/{Path}</c>): <c>{yyyy}/{MM}/{12 hex of its SHA-256}-{safe name}</c>. Never changes.</summary>
    public string Path { get; set; } = "";

    /// <summary>The name it was uploaded with, for people and downloads.</summary>
    public string FileName { get; set; } = "";

    /// <summary>The media type it is served with, found from its bytes when it was uploaded.</summary>
    public string ContentType { get; set; } = "";

    /// <summary><see cref="MediaKind.Images"/> for an image, <see cref="MediaKind.Files"/> for a document.</summary>
    public MediaKind Kind { get; set; }

    /// <summary>The size in bytes.</summary>
    public long Length { get; set; }

    /// <summary>The width in pixels, for images.</summary>
    public int? Width { get; set; }

    /// <summary>The height in pixels, for images.</summary>
    public int? Height { get; set; }

    /// <summary>The SHA-256 of the bytes, lowercase hex; also the file's ETag.</summary>
    public string Sha256 { get; set; } = "";

    public DateTime UploadedUtc { get; set; }

    /// <summary>The user name of whoever uploaded it, or null (a recipe, the platform).</summary>
    public string? UploadedBy { get; set; }

    /// <summary>Whether it is an image (shown inline) rather than a document (downloaded).</summary>
    public bool IsImage => Kind == MediaKind.Images;
}
