using System.Text.Json;
using GovPlatform.Contents.Data;
using GovPlatform.Contents.Endpoints;
using GovPlatform.Data;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Contents.Media;

/// <summary>
/// Which content items use a media file: those whose latest or published version names its path in a field or links
/// to its address in the body. Old versions in the history may still name a deleted file; the public ones may not.
/// </summary>
internal sealed class MediaUsage(TenantDbContext db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly string ItemType = DocumentTypeOf<ContentItem>();

    public async Task<IReadOnlyList<PickOption>> ItemsUsingAsync(string path, CancellationToken cancellationToken)
    {
        // Documents are stored as JSON with its escapes: look for the path as a field value and as a link in a body.
        var asValue = Escaped(path);
        var asLink = Escaped(MediaPaths.Url("", path));
        var current = db.Set<ContentItemIndex>().Where(i => i.Latest || i.Published).Select(i => i.DocumentId);
        var documents = await db.Set<DocumentRecord>().AsNoTracking()
            .Where(d => d.Type == ItemType && current.Contains(d.Id) && (d.Content.Contains(asValue) || d.Content.Contains(asLink)))
            .Select(d => d.Id)
            .Take(50)
            .ToListAsync(cancellationToken);
        return await db.Set<ContentItemIndex>().AsNoTracking()
            .Where(i => documents.Contains(i.DocumentId))
            .OrderBy(i => i.Title)
            .Select(i => new PickOption(i.ContentItemId, i.Title))
            .Distinct()
            .ToListAsync(cancellationToken);
    }

    private static string Escaped(string text) => JsonSerializer.Serialize(text, Json)[1..^1];

    private static string DocumentTypeOf<T>() =>
        typeof(T).GetCustomAttributes(typeof(DocumentAttribute), false) is [DocumentAttribute attribute, ..] ? attribute.Type : typeof(T).Name;
}
