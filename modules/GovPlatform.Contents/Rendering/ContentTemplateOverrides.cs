using GovPlatform.Data;

namespace GovPlatform.Contents.Rendering;

/// <summary>Where the renderer finds a tenant's overrides.</summary>
internal interface IContentTemplateOverrides
{
    /// <summary>The override's text, or null.</summary>
    ValueTask<string?> GetTextAsync(string name, CancellationToken cancellationToken);
}

/// <summary>The tenant's overrides, read once per scope (request) from its document.</summary>
internal sealed class ContentTemplateOverrides(IDocumentStore documents) : IContentTemplateOverrides
{
    private ContentTemplateDocument? _document;

    public async ValueTask<ContentTemplateDocument> GetAsync(CancellationToken cancellationToken) =>
        _document ??= await documents.GetAsync<ContentTemplateDocument>(ContentTemplateDocument.DocumentId, cancellationToken) ?? new ContentTemplateDocument();

    public async ValueTask<string?> GetTextAsync(string name, CancellationToken cancellationToken) =>
        (await GetAsync(cancellationToken)).Templates.TryGetValue(name, out var entry) ? entry.Text : null;

    /// <summary>Forgets what was read, after a change.</summary>
    public void Invalidate() => _document = null;
}

/// <summary>Overrides given as a dictionary (tests, samples).</summary>
internal sealed class FixedTemplateOverrides(IReadOnlyDictionary<string, string> texts) : IContentTemplateOverrides
{
    public static FixedTemplateOverrides None { get; } = new(new Dictionary<string, string>());

    public ValueTask<string?> GetTextAsync(string name, CancellationToken cancellationToken) =>
        new(texts.TryGetValue(name, out var text) ? text : null);
}
