namespace GovPlatform.Contents.Media;

/// <summary>
/// Where one tenant's media files are kept. The default keeps them in the tenant's own files (exported and imported with
/// its data); a vendor module registers another implementation (an object store shared by a cluster) to replace it.
/// Paths are relative, with <c>/</c> between folders (<c>2025/06/3f2a9c0b1d4e-notice.pdf</c>); an implementation refuses a
/// path that <see cref="MediaPaths.IsValid"/> rejects with <see cref="ArgumentException"/>, and never lets one tenant reach
/// another's files.
/// </summary>
public interface IMediaStore
{
    /// <summary>Writes (or replaces) the file at <paramref name="path"/>; readers see the old or the new file, never a part.</summary>
    Task SaveAsync(string path, Stream content, CancellationToken cancellationToken = default);

    /// <summary>The file for reading, or null when there is none. The caller disposes it.</summary>
    Task<MediaBlob?> OpenReadAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Deletes the file; false when there was none.</summary>
    Task<bool> DeleteAsync(string path, CancellationToken cancellationToken = default);
}
