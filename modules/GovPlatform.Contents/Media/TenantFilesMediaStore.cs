using GovPlatform.Files;

namespace GovPlatform.Contents.Media;

/// <summary>
/// The default <see cref="IMediaStore"/>: the tenant's own files (<see cref="ITenantFiles"/>) under <c>media/</c>, so
/// media are exported, imported and removed with the tenant, and never reachable from another one.
/// </summary>
internal sealed class TenantFilesMediaStore(ITenantFiles files) : IMediaStore
{
    private const string Folder = "media/";

    public Task SaveAsync(string path, Stream content, CancellationToken cancellationToken = default) =>
        files.WriteAsync(Folder + MediaPaths.Check(path), content, cancellationToken);

    public async Task<MediaBlob?> OpenReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var stream = files.OpenRead(Folder + MediaPaths.Check(path));
        if (stream is null)
        {
            return null;
        }

        var modified = stream is FileStream file ? new DateTimeOffset(File.GetLastWriteTimeUtc(file.Name), TimeSpan.Zero) : DateTimeOffset.UtcNow;
        if (stream.CanSeek)
        {
            return new MediaBlob(stream, stream.Length, modified);
        }

        // A store whose streams cannot seek: read it whole, so that the length is known and ranges can be served.
        var copy = new MemoryStream();
        await using (stream)
        {
            await stream.CopyToAsync(copy, cancellationToken);
        }

        copy.Position = 0;
        return new MediaBlob(copy, copy.Length, modified);
    }

    public Task<bool> DeleteAsync(string path, CancellationToken cancellationToken = default) =>
        Task.FromResult(files.Delete(Folder + MediaPaths.Check(path)));
}
