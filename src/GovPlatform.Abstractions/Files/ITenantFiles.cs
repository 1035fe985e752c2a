namespace GovPlatform.Files;

/// <summary>
/// The tenant's own files (logo, uploads, media), kept with its data: exported and imported with it, removed with it,
/// never reachable from another tenant. Paths are relative, with <c>/</c> between folders (<c>site/logo</c>); a path
/// that would leave the tenant's folder is refused with <see cref="ArgumentException"/>.
/// </summary>
public interface ITenantFiles
{
    /// <summary>Writes (or replaces) the file; the replacement is atomic.</summary>
    Task WriteAsync(string path, Stream content, CancellationToken cancellationToken = default);

    /// <summary>The file for reading, or null when there is none.</summary>
    Stream? OpenRead(string path);

    /// <summary>Deletes the file; false when there was none.</summary>
    bool Delete(string path);
}
