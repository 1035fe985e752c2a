using GovPlatform.Contents.Endpoints;
using GovPlatform.Contents.Services;

namespace GovPlatform.Contents.Media;

/// <summary>The media library as media fields see it: which paths exist and are images, and what was uploaded lately.</summary>
internal sealed class MediaLookup(MediaLibrary library) : IMediaLookup
{
    public async Task<bool?> IsImageAsync(string path, CancellationToken cancellationToken) =>
        await library.GetAsync(path, cancellationToken) is { } asset ? asset.IsImage : null;

    public async Task<IReadOnlyList<PickOption>> RecentAsync(int count, CancellationToken cancellationToken) =>
        [.. (await library.ListAsync(null, null, 1, count, cancellationToken)).Items.Select(a => new PickOption(a.Path, a.FileName))];
}
