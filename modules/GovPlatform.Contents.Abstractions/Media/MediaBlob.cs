namespace GovPlatform.Contents.Media;

/// <summary>A stored media file opened for reading: its bytes, length and time of last change. Disposing it closes the stream.</summary>
/// <param name="content">The file's bytes; seekable when the store can (range requests need it).</param>
/// <param name="length">The length in bytes.</param>
/// <param name="lastModifiedUtc">When the file was last written.</param>
public sealed class MediaBlob(Stream content, long length, DateTimeOffset lastModifiedUtc) : IDisposable, IAsyncDisposable
{
    /// <summary>The file's bytes.</summary>
    public Stream Content { get; } = content ?? throw new ArgumentNullException(nameof(content));

    /// <summary>The length in bytes.</summary>
    public long Length { get; } = length;

    /// <summary>When the file was last written (UTC).</summary>
    public DateTimeOffset LastModifiedUtc { get; } = lastModifiedUtc;

    /// <summary>Closes the stream.</summary>
    public void Dispose() => Content.Dispose();

    /// <summary>Closes the stream.</summary>
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
