using System.Text.Json.Nodes;
using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Localization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Contents.Rendering;

/// <summary>
/// The tenant's overrides of its types' templates (<c>item-{Type}</c>, <c>summary-{Type}</c>, <c>list-{Type}</c>),
/// kept in one document. A save is checked first: the text must parse, then render a sample item of the type (or a
/// sample page) within the sandbox's limits; only then is it saved and audited.
/// </summary>
public sealed class ContentTemplateStore
{
    private readonly IServiceProvider _services;
    private readonly ContentTemplateOverrides _overrides;
    private readonly ContentRenderer _renderer;

    /// <summary>The store of the current tenant's scope.</summary>
    public ContentTemplateStore(IServiceProvider services, ContentRenderer renderer)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(renderer);
        _services = services;
        _overrides = services.GetRequiredService<ContentTemplateOverrides>();
        _renderer = renderer;
    }

    /// <summary>Every override, by template name.</summary>
    public async Task<IReadOnlyDictionary<string, ContentTemplateOverride>> ListAsync(CancellationToken cancellationToken = default) =>
        (await _overrides.GetAsync(cancellationToken)).Templates;

    /// <summary>The override of <paramref name="name"/>, or null.</summary>
    public async Task<ContentTemplateOverride?> GetAsync(string name, CancellationToken cancellationToken = default) =>
        (await _overrides.GetAsync(cancellationToken)).Templates.GetValueOrDefault(name);

    /// <summary>The text that renders <paramref name="name"/> now (the override, else the theme's, else the module's), or null for a name that cannot be overridden or an unknown type.</summary>
    public async Task<string?> GetEffectiveTextAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!ContentTemplateNames.TryParseOverridable(name, out var kind, out var type) ||
            await _services.GetRequiredService<IContentDefinitionStore>().GetAsync(type, cancellationToken) is null)
        {
            return null;
        }

        return await _renderer.EffectiveTextAsync(kind, type, cancellationToken);
    }

    /// <summary>The text that renders <paramref name="name"/> without the override (the theme's or the module's).</summary>
    public string? GetShippedText(string name) =>
        ContentTemplateNames.TryParseOverridable(name, out var kind, out var type)
            ? _renderer.ShippedText(ContentTemplateNames.For(kind, type)) ?? _renderer.ShippedText(kind)
            : null;

    /// <summary>Checks <paramref name="text"/> as the template <paramref name="name"/> and renders the sample with it; saves nothing.</summary>
    public async Task<ContentTemplateResult> CheckAsync(string name, string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!ContentTemplateNames.TryParseOverridable(name, out var kind, out var typeName))
        {
            return ContentTemplateResult.Failure("Name", Text(new("只能替换内容类型的 item、summary 和 list 模板。", "Only the item, summary and list templates of a content type can be overridden.")));
        }

        if (await _services.GetRequiredService<IContentDefinitionStore>().GetAsync(typeName, cancellationToken) is not { } type)
        {
            return ContentTemplateResult.Failure("Name", Text(new($"没有内容类型 {typeName}。", $"There is no content type {typeName}.")));
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return ContentTemplateResult.Failure("Text", Text(new("模板不能为空；要恢复默认模板，请使用“恢复默认”。", "The template cannot be empty; to go back to the default, use Reset.")));
        }

        var parsed = LiquidTemplateCache.Shared.Get(text);
        if (!parsed.Succeeded)
        {
            return ContentTemplateResult.Failure(parsed.Error!);
        }

        try
        {
            return ContentTemplateResult.Success(await _renderer.RenderSampleAsync(kind, text, type, cancellationToken));
        }
        catch (LiquidTemplateException e)
        {
            return ContentTemplateResult.Failure(new LiquidTemplateError(new BilingualText(
                "用示例内容试运行失败：" + e.Error.Message.Chinese, "Trying it with a sample item failed: " + e.Error.Message.English), e.Error.Line, e.Error.Column));
        }
    }

    /// <summary>Checks, then saves <paramref name="text"/> as the tenant's template <paramref name="name"/>, audited; nothing is saved when it is refused.</summary>
    public async Task<ContentTemplateResult> SaveAsync(string name, string text, CancellationToken cancellationToken = default)
    {
        var check = await CheckAsync(name, text, cancellationToken);
        if (!check.Succeeded)
        {
            return check;
        }

        var documents = _services.GetRequiredService<IDocumentStore>();
        var audit = _services.GetRequiredService<IAuditLog>();
        var author = _services.GetService<IHttpContextAccessor>()?.HttpContext?.User.Identity?.Name;
        var now = (_services.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        await _services.GetRequiredService<TenantDbContext>().InTransactionAsync(async ct =>
        {
            var document = await documents.GetAsync<ContentTemplateDocument>(ContentTemplateDocument.DocumentId, ct) ?? new ContentTemplateDocument();
            var before = document.Templates.GetValueOrDefault(name)?.Text;
            document.Templates[name] = new ContentTemplateOverride { Text = text, ModifiedUtc = now, Author = author };
            await documents.SaveAsync(ContentTemplateDocument.DocumentId, document, ct);
            await audit.RecordAsync(new AuditEvent("contents", "template-save", name, $"Template {name} saved",
                Snapshot(name, before), Snapshot(name, text)), ct);
            return true;
        }, cancellationToken);
        _overrides.Invalidate();
        return check;
    }

    /// <summary>Removes the tenant's override of <paramref name="name"/>, audited; the theme's or module's template renders again. Refused when there is none.</summary>
    public async Task<ContentTemplateResult> ResetAsync(string name, CancellationToken cancellationToken = default)
    {
        var documents = _services.GetRequiredService<IDocumentStore>();
        var audit = _services.GetRequiredService<IAuditLog>();
        var removed = await _services.GetRequiredService<TenantDbContext>().InTransactionAsync(async ct =>
        {
            var document = await documents.GetAsync<ContentTemplateDocument>(ContentTemplateDocument.DocumentId, ct);
            if (document is null || !document.Templates.Remove(name, out var before))
            {
                return false;
            }

            await documents.SaveAsync(ContentTemplateDocument.DocumentId, document, ct);
            await audit.RecordAsync(new AuditEvent("contents", "template-reset", name, $"Template {name} reset to the default",
                Snapshot(name, before.Text), Snapshot(name, null)), ct);
            return true;
        }, cancellationToken);
        _overrides.Invalidate();
        return removed
            ? ContentTemplateResult.Success(null)
            : ContentTemplateResult.Failure("Name", Text(new("这个模板没有被替换。", "This template is not overridden.")));
    }

    private static JsonObject Snapshot(string name, string? text) => new() { ["name"] = name, ["text"] = text };

    private static string Text(BilingualText text) => text.ToString();
}
