using Microsoft.AspNetCore.Http;

namespace GovPlatform.Files;

/// <summary>Answers with an Excel workbook written to a temporary file first, so that a large export never sits in memory.</summary>
public static class WorkbookDownload
{
    /// <summary>The content type of an <c>.xlsx</c> workbook.</summary>
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// Runs <paramref name="write"/> on a temporary file (deleted when the response has been sent, or at once when writing
    /// fails) and answers with the file as <paramref name="fileName"/>. Audit the export inside <paramref name="write"/>:
    /// nothing is sent when the audit fails. Record it after the workbook is written, so that a failed export is not
    /// recorded as made — except for personal data, whose every attempted read is recorded before a byte is written.
    /// </summary>
    public static async Task<IResult> FileAsync(string fileName, Func<Stream, Task> write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentNullException.ThrowIfNull(write);
        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"gp-export-{Guid.NewGuid():N}.xlsx"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await write(file);
            file.Position = 0;
            return Results.File(file, ContentType, fileName);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }
}
