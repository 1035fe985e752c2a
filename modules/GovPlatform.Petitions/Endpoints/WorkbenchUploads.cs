using GovPlatform.Localization;
using GovPlatform.Petitions.Models;
using GovPlatform.Petitions.Services;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace GovPlatform.Petitions.Endpoints;

/// <summary>
/// Files posted with the staff forms. The count and the declared sizes are checked against the tenant's limits before
/// any file is read into memory, so an oversized video is refused without holding it; the bytes themselves are
/// checked by <see cref="PetitionFiles"/> in the intake or the command.
/// </summary>
internal static class WorkbenchUploads
{
    /// <summary>
    /// The largest request the staff forms accept (9 videos of the default 100 MB would not fit: a field report from a
    /// phone carries a few photos or one short video). A larger request is cut off by the server with 413.
    /// </summary>
    public const long MaxRequestBytes = 256L * 1024 * 1024;

    /// <summary>The request limit of an upload endpoint, which routing applies before the form is read.</summary>
    public static readonly IRequestSizeLimitMetadata RequestLimit = new SizeLimit(MaxRequestBytes);

    public static async Task<(IReadOnlyList<PetitionUpload> Uploads, BilingualText? Error)> ReadAsync(IFormFileCollection files, PetitionSettings settings, CancellationToken cancellationToken)
    {
        var chosen = files.Where(f => f.Length > 0).ToList();
        if (chosen.Count > settings.MaxAttachments)
        {
            return ([], new($"最多上传 {settings.MaxAttachments} 个附件。", $"At most {settings.MaxAttachments} attachments."));
        }

        var largest = Math.Max(settings.MaxImageBytes, settings.MaxVideoBytes);
        if (chosen.FirstOrDefault(f => f.Length > largest) is { } tooLarge)
        {
            var megabytes = (largest / 1024d / 1024d).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
            return ([], new($"“{tooLarge.FileName}”超过 {megabytes} MB。", $"“{tooLarge.FileName}” is larger than {megabytes} MB."));
        }

        List<PetitionUpload> uploads = [];
        foreach (var file in chosen)
        {
            using var buffer = new MemoryStream((int)file.Length);
            await using (var stream = file.OpenReadStream())
            {
                await stream.CopyToAsync(buffer, cancellationToken);
            }

            uploads.Add(new PetitionUpload(file.FileName, buffer.ToArray()));
        }

        return (uploads, null);
    }

    private sealed class SizeLimit(long bytes) : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => bytes;
    }
}
