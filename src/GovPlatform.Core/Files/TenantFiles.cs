using GovPlatform.Files;

namespace GovPlatform.Core.Files;

/// <summary>A tenant's files under <c>App_Data/Sites/&lt;tenant&gt;/files/</c>, which the tenant's archive carries.</summary>
internal sealed class TenantFiles(string root) : ITenantFiles
{
    private readonly string _root = Path.GetFullPath(root);

    public async Task WriteAsync(string path, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var target = Resolve(path);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = target + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, cancellationToken);
                await file.FlushAsync(cancellationToken);
            }

            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public Stream? OpenRead(string path)
    {
        var target = Resolve(path);
        return File.Exists(target) ? new FileStream(target, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 81920, FileOptions.Asynchronous) : null;
    }

    public bool Delete(string path)
    {
        var target = Resolve(path);
        if (!File.Exists(target))
        {
            return false;
        }

        File.Delete(target);
        return true;
    }

    private string Resolve(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || Path.IsPathRooted(path) || path.Split('/', '\\').Any(part => part is "" or "." or ".."))
        {
            throw new ArgumentException($"'{path}' is not a relative file path inside the tenant.", nameof(path));
        }

        var full = Path.GetFullPath(Path.Combine(_root, path));
        return full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? full
            : throw new ArgumentException($"'{path}' leaves the tenant's folder.", nameof(path));
    }
}
