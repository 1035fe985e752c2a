using System.Security.Cryptography;
using GovPlatform.Files;
using GovPlatform.Localization;
using GovPlatform.Petitions.Models;
using SkiaSharp;

namespace GovPlatform.Petitions.Services;

/// <summary>
/// Photos and videos of petitions: recognised by their bytes (an image must decode, a video must carry its
/// container's signature; the file name's extension is ignored), held to the tenant's limits, and kept in the
/// tenant's files under <c>petitions/</c>, which are never served publicly.
/// </summary>
internal sealed class PetitionFiles(ITenantFiles files, TimeProvider clock)
{
    private static readonly byte[] Ebml = [0x1A, 0x45, 0xDF, 0xA3];

    /// <summary>What the bytes are: content type and extension, or why they are refused.</summary>
    public static (string? ContentType, string? Extension, BilingualText? Error) Inspect(PetitionUpload upload, PetitionSettings settings)
    {
        var content = upload.Content;
        if (content.Length == 0)
        {
            return (null, null, new($"“{upload.FileName}”是空文件。", $"“{upload.FileName}” is empty."));
        }

        if (IsVideo(content) is { } video)
        {
            return content.LongLength > settings.MaxVideoBytes
                ? (null, null, new($"视频“{upload.FileName}”超过 {Megabytes(settings.MaxVideoBytes)} MB。", $"The video “{upload.FileName}” is larger than {Megabytes(settings.MaxVideoBytes)} MB."))
                : (video.ContentType, video.Extension, null);
        }

        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data);
        var image = codec?.EncodedFormat switch
        {
            SKEncodedImageFormat.Jpeg => ("image/jpeg", "jpg"),
            SKEncodedImageFormat.Png => ("image/png", "png"),
            SKEncodedImageFormat.Webp => ("image/webp", "webp"),
            SKEncodedImageFormat.Gif => ("image/gif", "gif"),
            SKEncodedImageFormat.Heif => ("image/heic", "heic"),
            _ => ((string, string)?)null,
        };
        if (image is not { } found || codec!.Info.Width <= 0 || codec.Info.Height <= 0)
        {
            return (null, null, new($"“{upload.FileName}”不是可识别的图片或视频（接受 JPEG、PNG、WebP、GIF 图片和 MP4、MOV、WebM 视频）。",
                $"“{upload.FileName}” is not a recognised image or video (JPEG, PNG, WebP and GIF images, MP4, MOV and WebM videos are accepted)."));
        }

        return content.LongLength > settings.MaxImageBytes
            ? (null, null, new($"图片“{upload.FileName}”超过 {Megabytes(settings.MaxImageBytes)} MB。", $"The image “{upload.FileName}” is larger than {Megabytes(settings.MaxImageBytes)} MB."))
            : (found.Item1, found.Item2, null);
    }

    /// <summary>The first refusal among <paramref name="uploads"/> (count included), or null when all pass.</summary>
    public static BilingualText? Check(IReadOnlyList<PetitionUpload> uploads, PetitionSettings settings)
    {
        if (uploads.Count > settings.MaxAttachments)
        {
            return new($"最多上传 {settings.MaxAttachments} 个附件。", $"At most {settings.MaxAttachments} attachments.");
        }

        return uploads.Select(u => Inspect(u, settings).Error).FirstOrDefault(e => e is not null);
    }

    /// <summary>Stores checked uploads and returns their rows (not yet added to the context).</summary>
    public async Task<List<PetitionAttachment>> StoreAsync(long petitionId, IReadOnlyList<PetitionUpload> uploads, PetitionSettings settings, string? uploadedBy, CancellationToken cancellationToken)
    {
        List<PetitionAttachment> stored = [];
        foreach (var upload in uploads)
        {
            var (contentType, extension, error) = Inspect(upload, settings);
            if (error is not null)
            {
                throw new InvalidOperationException(error.Value.English);
            }

            var path = $"petitions/{petitionId}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}.{extension}";
            using (var stream = new MemoryStream(upload.Content, writable: false))
            {
                await files.WriteAsync(path, stream, cancellationToken);
            }

            stored.Add(new PetitionAttachment
            {
                PetitionId = petitionId,
                Path = path,
                FileName = SafeName(upload.FileName, extension!),
                ContentType = contentType!,
                Length = upload.Content.LongLength,
                UploadedUtc = clock.GetUtcNow().UtcDateTime,
                UploadedBy = uploadedBy,
            });
        }

        return stored;
    }

    /// <summary>Removes files stored for a command that then failed, so nothing is left without its row.</summary>
    public void Discard(IEnumerable<PetitionAttachment> attachments)
    {
        foreach (var attachment in attachments)
        {
            files.Delete(attachment.Path);
        }
    }

    public Stream? Open(PetitionAttachment attachment) => files.OpenRead(attachment.Path);

    private static (string ContentType, string Extension)? IsVideo(ReadOnlySpan<byte> content)
    {
        if (content.Length >= 12 && content.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            var brand = content.Slice(8, 4);
            return brand.SequenceEqual("qt  "u8) ? ("video/quicktime", "mov") : ("video/mp4", "mp4");
        }

        return content.StartsWith(Ebml) ? ("video/webm", "webm") : null;
    }

    private static string SafeName(string name, string extension)
    {
        var baseName = Path.GetFileNameWithoutExtension(Path.GetFileName(name.Replace('\\', '/')));
        baseName = new string([.. baseName.Where(c => !char.IsControl(c) && c is not ('/' or '"' or '<' or '>'))]).Trim();
        if (baseName.Length == 0)
        {
            baseName = "attachment";
        }

        return $"{(baseName.Length > 80 ? baseName[..80] : baseName)}.{extension}";
    }

    private static string Megabytes(long bytes) => (bytes / 1024d / 1024d).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}
