using System.Security.Cryptography;
using GovPlatform.Files;
using GovPlatform.Tenants;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace GovPlatform.Admin.Services;

/// <summary>
/// The site's logo: an uploaded PNG, JPEG or WebP image of at most 512 KB, kept in the tenant's files
/// (<c>site/logo</c>) and described in its site settings (<c>Site:Logo:Type</c>, <c>Site:Logo:Version</c>), which the
/// themes read to show it.
/// </summary>
public sealed class SiteLogo(ITenantFiles files, ITenant tenant)
{
    public const string FilePath = "site/logo";
    public const int MaxBytes = 512 * 1024;

    /// <summary>The current logo's media type and version, or null.</summary>
    public (string Type, string Version)? Current =>
        tenant.Settings["Site:Logo:Type"] is { Length: > 0 } type && tenant.Settings["Site:Logo:Version"] is { Length: > 0 } version ? (type, version) : null;

    /// <summary>Why the upload cannot be the logo, or null when it can.</summary>
    public static string? Validate(IFormFile? upload, bool english)
    {
        if (upload is null || upload.Length == 0)
        {
            return null;
        }

        if (upload.Length > MaxBytes)
        {
            return english ? "The logo may be at most 512 KB." : "标志图片不能超过 512 KB。";
        }

        using var stream = upload.OpenReadStream();
        return MediaType(stream) is null
            ? english ? "The logo must be a PNG, JPEG or WebP image." : "标志必须是 PNG、JPEG 或 WebP 图片。"
            : null;
    }

    /// <summary>Stores a valid upload; returns its media type and version (a hash of its bytes).</summary>
    public async Task<(string Type, string Version)> SaveAsync(IFormFile upload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        using var buffer = new MemoryStream();
        await upload.CopyToAsync(buffer, cancellationToken);
        buffer.Position = 0;
        var type = MediaType(buffer) ?? throw new InvalidOperationException("Validate the upload first.");
        var version = Convert.ToHexString(SHA256.HashData(buffer.ToArray()))[..16].ToLowerInvariant();
        buffer.Position = 0;
        await files.WriteAsync(FilePath, buffer, cancellationToken);
        return (type, version);
    }

    public void Remove() => files.Delete(FilePath);

    /// <summary>The image type from the file's first bytes (not from its name or the browser's claim).</summary>
    private static string? MediaType(Stream stream)
    {
        Span<byte> head = stackalloc byte[12];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        return read >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8) ? "image/webp" : null;
    }
}
