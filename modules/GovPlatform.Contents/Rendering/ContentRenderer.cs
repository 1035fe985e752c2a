using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text;
using Fluid.Values;
using GovPlatform.Localization;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static GovPlatform.Contents.Rendering.LiquidValues;

namespace GovPlatform.Contents.Rendering;

/// <summary>
/// Renders content items and list pages of the public site as HTML fragments (the caller wraps them in the site's
/// layout) through Liquid templates: the tenant's override of the type's template, else the site theme's template for
/// the type, else the theme's generic one, else the module's default. Templates run sandboxed (see TEMPLATES.md); an
/// override that fails at run time is logged and the next template is used, so a page never breaks on a template.
/// What a tenant's override writes is sanitised (<see cref="TemplateHtml"/>): no scripts, event handlers or styles.
/// </summary>
public sealed partial class ContentRenderer
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> TimeZones = new(StringComparer.Ordinal);

    private readonly ITenant _tenant;
    private readonly IContentTemplateOverrides _overrides;
    private readonly Assembly? _theme;
    private readonly IServiceProvider? _services;
    private readonly ILogger _logger;

    /// <summary>The renderer of the current tenant's scope; optional services (grid, content manager) are used when the tenant has them.</summary>
    public ContentRenderer(ITenant tenant, IServiceProvider services, ILogger<ContentRenderer> logger)
        : this(tenant, services.GetRequiredService<ContentTemplateOverrides>(), services.GetService<IThemeSelector>()?.Site.Layout.Assembly, services, logger)
    {
    }

    internal ContentRenderer(ITenant tenant, IContentTemplateOverrides overrides, Assembly? themeAssembly, IServiceProvider? services = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(overrides);
        _tenant = tenant;
        _overrides = overrides;
        _theme = themeAssembly;
        _services = services;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>An item's page: the <c>item</c> template with the item, its fields and parts rendered.</summary>
    public async Task<string> RenderItemAsync(ContentItem item, ContentTypeDefinition type, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(type);
        var state = CreateState(type);
        var model = await BuildItemAsync(item, type, state, cancellationToken);
        return await RenderAsync(ContentTemplateNames.Item, type.Name, state.Variables(("item", Object(model))), state, cancellationToken);
    }

    /// <summary>A type's list page: the <c>list</c> template with the page's items (each with its summary) and the pager; <paramref name="pageUrl"/> gives the address of a page number.</summary>
    public async Task<string> RenderListAsync(ContentTypeDefinition type, ContentPage page, Func<int, string> pageUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(pageUrl);
        var state = CreateState(type);
        var items = new List<FluidValue>(page.Items.Count);
        foreach (var item in page.Items)
        {
            items.Add(Object(await BuildItemAsync(item, type, state, cancellationToken)));
        }

        var pageValue = PageModel(page, pageUrl);
        var pager = await RenderAsync(ContentTemplateNames.Pager, null, state.Variables(("page", pageValue)), state, cancellationToken);
        return await RenderAsync(ContentTemplateNames.List, type.Name,
            state.Variables(("items", Array(items)), ("page", pageValue), ("pager_html", Text(pager))), state, cancellationToken);
    }

    /// <summary>The text that renders <paramref name="name"/> for the type now: the override, the theme's or the module's.</summary>
    internal async Task<string> EffectiveTextAsync(string kind, string? contentType, CancellationToken cancellationToken) =>
        (await CandidatesAsync(kind, contentType, cancellationToken)).FirstOrDefault()?.Text ?? "";

    /// <summary>Whether the theme or the module (not an override) has the template.</summary>
    internal string? ShippedText(string name) => EmbeddedTemplates.Find(_theme, name) ?? EmbeddedTemplates.Find(EmbeddedTemplates.Module, name);

    /// <summary>
    /// Renders <paramref name="text"/> as the tenant's template <paramref name="kind"/> of the type with a sample item (or
    /// a sample page of three), as an override would be rendered; throws <see cref="LiquidTemplateException"/> on any failure.
    /// </summary>
    internal async Task<string> RenderSampleAsync(string kind, string text, ContentTypeDefinition type, CancellationToken cancellationToken)
    {
        var state = CreateState(type);
        var candidate = new Candidate("sample", text, Trusted: false);
        if (kind == ContentTemplateNames.List)
        {
            var page = ContentSamples.Page(type, state.Culture);
            var items = new List<FluidValue>();
            foreach (var item in page.Items)
            {
                items.Add(Object(await BuildItemAsync(item, type, state, cancellationToken)));
            }

            var listUrl = state.ListUrl ?? state.BasePath + "/";
            var pageValue = PageModel(page, n => $"{listUrl}?page={n.ToString(CultureInfo.InvariantCulture)}");
            var pager = await RenderAsync(ContentTemplateNames.Pager, null, state.Variables(("page", pageValue)), state, cancellationToken);
            return await RenderCandidateAsync(candidate, state.Variables(("items", Array(items)), ("page", pageValue), ("pager_html", Text(pager))), state, cancellationToken);
        }

        var model = await BuildItemAsync(ContentSamples.Item(type, state.Culture, 1), type, state, cancellationToken);
        return await RenderCandidateAsync(candidate, state.Variables(("item", Object(model))), state, cancellationToken);
    }

    private async Task<string> RenderAsync(string kind, string? contentType, Dictionary<string, FluidValue> variables, RenderState state, CancellationToken cancellationToken)
    {
        LiquidTemplateException? failure = null;
        foreach (var candidate in await CandidatesAsync(kind, contentType, cancellationToken))
        {
            try
            {
                return await RenderCandidateAsync(candidate, variables, state, cancellationToken);
            }
            catch (LiquidTemplateException e)
            {
                _logger.LogWarning(e, "Tenant {Tenant}: the template {Template} ({Source}) failed, the next one is used: {Error}",
                    _tenant.Name, contentType is null ? kind : ContentTemplateNames.For(kind, contentType), candidate.Source, e.Error.Message.English);
                failure = e;
            }
        }

        throw failure ?? new LiquidTemplateException(new LiquidTemplateError(new BilingualText($"没有模板 {kind}。", $"There is no template {kind}.")));
    }

    private static async Task<string> RenderCandidateAsync(Candidate candidate, Dictionary<string, FluidValue> variables, RenderState state, CancellationToken cancellationToken)
    {
        var parsed = LiquidTemplateCache.Shared.Get(candidate.Text);
        if (parsed.Template is null)
        {
            throw new LiquidTemplateException(parsed.Error!);
        }

        var context = LiquidSandbox.CreateContext(state.Culture, state.TimeZone);
        foreach (var (name, value) in variables)
        {
            context.SetValue(name, value);
        }

        var html = await LiquidSandbox.RenderAsync(parsed.Template, context, cancellationToken);
        return candidate.Trusted ? html : TemplateHtml.Sanitize(html);
    }

    /// <summary>The templates that may render <paramref name="kind"/> for the type, first choice first.</summary>
    private async Task<List<Candidate>> CandidatesAsync(string kind, string? contentType, CancellationToken cancellationToken)
    {
        var candidates = new List<Candidate>(4);
        var specific = contentType is null ? null : ContentTemplateNames.For(kind, contentType);
        if (specific is not null && ContentTemplateNames.Overridable.Contains(kind, StringComparer.Ordinal) &&
            await _overrides.GetTextAsync(specific, cancellationToken) is { } text)
        {
            candidates.Add(new Candidate("override", text, Trusted: false));
        }

        void Add(Assembly? assembly, string? name, string source)
        {
            if (name is not null && EmbeddedTemplates.Find(assembly, name) is { } shipped)
            {
                candidates.Add(new Candidate(source, shipped, Trusted: true));
            }
        }

        if (_theme != EmbeddedTemplates.Module)
        {
            Add(_theme, specific, "theme");
            Add(_theme, kind, "theme");
        }

        Add(EmbeddedTemplates.Module, specific, "module");
        Add(EmbeddedTemplates.Module, kind, "module");
        return candidates;
    }

    private RenderState CreateState(ContentTypeDefinition type)
    {
        var culture = CultureInfo.CurrentUICulture;
        var basePath = BasePath();
        var site = Dictionary();
        site["name"] = Text(_tenant.GetDisplayName(culture.Name));
        site["base_path"] = Text(basePath);
        site["culture"] = Text(culture.Name);
        var listUrl = type.List?.Slug is { Length: > 0 } slug ? basePath + "/" + EscapePath(slug) : null;
        var typeValue = Dictionary();
        typeValue["name"] = Text(type.Name);
        var displayName = type.DisplayName.For(culture) is { Length: > 0 } display ? display : type.Name;
        typeValue["display_name"] = Text(displayName);
        typeValue["url"] = Text(listUrl);
        return new RenderState(culture, TimeZoneOf(_tenant.TimeZone), basePath, listUrl, displayName, Object(site), Object(typeValue));
    }

    private string BasePath()
    {
        if (_services?.GetService<IHttpContextAccessor>()?.HttpContext is { } context)
        {
            return context.Request.PathBase.Value ?? "";
        }

        return _tenant.UrlPrefix.Length > 0 ? "/" + _tenant.UrlPrefix : "";
    }

    private static TimeZoneInfo TimeZoneOf(string id) => TimeZones.GetOrAdd(id ?? "", static key =>
        TimeZoneInfo.TryFindSystemTimeZoneById(key, out var zone) ? zone : TimeZoneInfo.Utc);

    private static FluidValue PageModel(ContentPage page, Func<int, string> pageUrl)
    {
        var count = page.PageCount;
        var number = Math.Clamp(page.Page, 1, Math.Max(count, page.Page));
        var model = Dictionary();
        model["number"] = Number(number);
        model["count"] = Number(count);
        model["total"] = Number(page.Total);
        model["size"] = Number(page.PageSize);
        model["previous_url"] = number > 1 ? Text(pageUrl(number - 1)) : NilValue.Instance;
        model["next_url"] = number < count ? Text(pageUrl(number + 1)) : NilValue.Instance;
        var pages = new List<FluidValue>();
        for (var n = Math.Max(1, number - 4); n <= Math.Min(count, number + 4); n++)
        {
            var entry = Dictionary();
            entry["number"] = Number(n);
            entry["url"] = Text(pageUrl(n));
            entry["current"] = Bool(n == number);
            pages.Add(Object(entry));
        }

        model["pages"] = Array(pages);
        return Object(model);
    }

    /// <summary>A path of the site with each segment escaped (slugs and media paths).</summary>
    internal static string EscapePath(string path) =>
        string.Join('/', path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.EscapeDataString));

    private static string ItemUrl(ContentItem item, bool routed, string basePath) =>
        routed && !string.IsNullOrWhiteSpace(item.Slug)
            ? basePath + "/" + EscapePath(item.Slug)
            : basePath + "/contents/" + Uri.EscapeDataString(item.ContentItemId);

    private sealed record Candidate(string Source, string Text, bool Trusted);

    /// <summary>What every template of one render shares.</summary>
    private sealed record RenderState(CultureInfo Culture, TimeZoneInfo TimeZone, string BasePath, string? ListUrl, string TypeDisplayName, FluidValue Site, FluidValue Type)
    {
        public Dictionary<string, FluidValue> Variables(params (string Name, FluidValue Value)[] values)
        {
            var variables = new Dictionary<string, FluidValue>(StringComparer.Ordinal) { ["site"] = Site, ["type"] = Type };
            foreach (var (name, value) in values)
            {
                variables[name] = value;
            }

            return variables;
        }

        public bool English => Culture.TwoLetterISOLanguageName == "en";

        public string L(string chinese, string english) => English ? english : chinese;

        public string Join(IEnumerable<string> texts) => string.Join(English ? ", " : "、", texts);
    }
}
