using GovPlatform.Contents.Endpoints;

namespace GovPlatform.Contents.Services;

/// <summary>What the item editor and checks need of the media library.</summary>
internal interface IMediaLookup
{
    /// <summary>Null when there is no such file, else whether it is an image.</summary>
    Task<bool?> IsImageAsync(string path, CancellationToken cancellationToken);

    /// <summary>The most recent uploads, to pick from.</summary>
    Task<IReadOnlyList<PickOption>> RecentAsync(int count, CancellationToken cancellationToken);
}
