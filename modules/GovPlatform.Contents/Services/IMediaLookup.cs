namespace GovPlatform.Contents.Services;

/// <summary>Answers whether a media path exists in the tenant's library and whether it is an image, for media fields.</summary>
internal interface IMediaLookup
{
    /// <summary>Null when there is no such file, else whether it is an image.</summary>
    Task<bool?> IsImageAsync(string path, CancellationToken cancellationToken);
}
