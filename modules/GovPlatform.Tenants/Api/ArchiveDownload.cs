using GovPlatform.Core.Hosting;
using GovPlatform.Core.Shells;
using Microsoft.AspNetCore.Http;

namespace GovPlatform.Tenants.Api;

/// <summary>
/// A tenant's export as a download, for the host API and the host admin: the archive is built in a temporary file
/// (a zip needs to seek), then streamed; the file is deleted when the response ends.
/// </summary>
internal static class ArchiveDownload
{
    public static async Task<IResult> ExportAsync(ShellHost host, HostPaths paths, string name, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stream = new FileStream(TempFile(paths), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await host.ExportAsync(name, stream, cancellationToken);
            stream.Position = 0;
            return Results.File(stream, "application/zip", $"{name}-{now:yyyyMMddHHmmss}.govplatform.zip");
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    /// <summary>A new temporary file name under <c>App_Data/Temp</c>.</summary>
    public static string TempFile(HostPaths paths)
    {
        var folder = Path.Combine(paths.DataRoot, "Temp");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"{Guid.NewGuid():N}.zip");
    }
}
