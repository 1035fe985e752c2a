using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using GovPlatform.Contents.Rendering;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Tenants;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Contents.Tests.Rendering;

/// <summary>A tenant, a content type with every part and every kind of field, an item filled in, and renderers over them.</summary>
internal static class RenderingTestSupport
{
    public static ContentTypeDefinition Type() => new()
    {
        Name = "Project",
        DisplayName = new("公益项目", "Public-benefit project"),
        Parts =
        [
            new() { Kind = ContentPartKind.Title },
            new() { Kind = ContentPartKind.Body, Format = BodyFormat.Html },
            new() { Kind = ContentPartKind.Route },
            new() { Kind = ContentPartKind.Publish },
            new() { Kind = ContentPartKind.Owner },
            new() { Kind = ContentPartKind.Grid },
            new() { Kind = ContentPartKind.Location },
        ],
        Fields =
        [
            new() { Name = "summary", Kind = ContentFieldKind.Text, DisplayName = new("简介", "Summary") },
            new() { Name = "notes", Kind = ContentFieldKind.Text, Multiline = true, DisplayName = new("备注", "Notes") },
            new() { Name = "budget", Kind = ContentFieldKind.Number, Decimals = 2, Unit = new("元", "yuan"), DisplayName = new("预算", "Budget") },
            new() { Name = "open", Kind = ContentFieldKind.Boolean, DisplayName = new("开放", "Open") },
            new() { Name = "day", Kind = ContentFieldKind.DateTime, DisplayName = new("日期", "Day") },
            new() { Name = "starts", Kind = ContentFieldKind.DateTime, WithTime = true, DisplayName = new("开始时间", "Starts") },
            new()
            {
                Name = "themes", Kind = ContentFieldKind.Choice, Multiple = true, DisplayName = new("主题", "Themes"),
                Options = [new() { Value = "elderly", Text = new("养老", "Elderly care") }, new() { Value = "youth", Text = new("青少年", "Youth") }],
            },
            new() { Name = "site", Kind = ContentFieldKind.Link, DisplayName = new("网址", "Website") },
            new() { Name = "trap", Kind = ContentFieldKind.Link, DisplayName = new("陷阱链接", "Trap link") },
            new() { Name = "photos", Kind = ContentFieldKind.Media, Multiple = true, MediaKind = MediaKind.Any, DisplayName = new("照片", "Photos") },
            new() { Name = "related", Kind = ContentFieldKind.ContentPicker, Multiple = true, DisplayName = new("相关项目", "Related") },
            new() { Name = "grids", Kind = ContentFieldKind.GridPicker, Multiple = true, DisplayName = new("服务网格", "Grids served") },
            new() { Name = "empty", Kind = ContentFieldKind.Text, DisplayName = new("空字段", "Empty field") },
        ],
        List = new ContentListSettings { Slug = "projects", PageSize = 2 },
    };

    public static ContentItem Item(string id = "item1", string title = "长者饭堂") => new()
    {
        ContentItemId = id,
        VersionNumber = 3,
        ContentType = "Project",
        Latest = true,
        Published = true,
        Title = title,
        Body = "<p>为长者提供午餐。</p>",
        Slug = "projects/" + id,
        OwnerName = "wang",
        GridUnitCode = "D-01",
        Location = new ContentLocation { Longitude = 113.26, Latitude = 23.13, Address = "中山路 1 号" },
        CreatedUtc = new DateTime(2024, 4, 1, 0, 0, 0, DateTimeKind.Utc),
        ModifiedUtc = new DateTime(2024, 5, 1, 20, 30, 0, DateTimeKind.Utc),
        PublishedUtc = new DateTime(2024, 5, 1, 20, 30, 0, DateTimeKind.Utc),
        Fields = new JsonObject
        {
            ["summary"] = "社区长者午餐",
            ["notes"] = "第一行\n第二行 <b>不加粗</b>",
            ["budget"] = 12345.5,
            ["open"] = true,
            ["day"] = "2024-05-01",
            ["starts"] = "2024-05-01T08:30:00Z",
            ["themes"] = new JsonArray("elderly", "removed-option"),
            ["site"] = new JsonObject { ["url"] = "https://example.org/p?a=1&b=2", ["text"] = "项目主页" },
            ["trap"] = new JsonObject { ["url"] = "javascript:alert(1)", ["text"] = "点我" },
            ["photos"] = new JsonArray("2024/05/photo one.jpg", "docs/plan.pdf", "../secret.txt"),
            ["related"] = new JsonArray("published1", "draft1", "missing1"),
            ["grids"] = new JsonArray("D-01", "X-99"),
            ["empty"] = null,
            ["dropped"] = "旧字段的值",
        },
    };

    public static ContentRenderer Renderer(IReadOnlyDictionary<string, string>? overrides = null, Assembly? theme = null, bool services = true) =>
        new(new TestTenant(), overrides is null ? FixedTemplateOverrides.None : new FixedTemplateOverrides(overrides), theme, services ? Services() : null);

    /// <summary>A grid with one unit and a content manager with one published item: stand-ins for the tenant's services.</summary>
    public static IServiceProvider Services() => new ServiceCollection()
        .AddSingleton<IGridDirectory>(new TestGrid())
        .AddSingleton<IContentManager>(new TestContentManager())
        .BuildServiceProvider();

    /// <summary>Runs <paramref name="work"/> with the current UI culture set to <paramref name="name"/>.</summary>
    public static async Task<T> InCultureAsync<T>(string name, Func<Task<T>> work)
    {
        var before = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
        try
        {
            return await work();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = before;
        }
    }

    public static string Normalize(string html) => string.Join(' ', html.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));

    private sealed class TestTenant : ITenant
    {
        public string Name => "alpha";

        public bool IsDefault => false;

        public TenantState State => TenantState.Running;

        public string UrlPrefix => "alpha";

        public IReadOnlyList<string> HostNames => [];

        public string Culture => "zh-CN";

        public string TimeZone => "Asia/Shanghai";

        public string DisplayName => "示范区";

        public string Theme => "GovPlatform.Themes.Civic";

        public IConfiguration Settings { get; } = new ConfigurationBuilder().Build();

        public string GetDisplayName(string culture) => culture.StartsWith("en", StringComparison.Ordinal) ? "Demo district" : "示范区";
    }

    private sealed class TestGrid : IGridDirectory
    {
        private static readonly GridUnitInfo Unit = new("D-01", "第一网格", "Grid One", 2, "D", GridUnitKind.Territorial, null, 300, 900, 12, true);

        public ValueTask<GridUnitInfo?> FindAsync(string code, CancellationToken cancellationToken = default) => new(code == Unit.Code ? Unit : null);

        public ValueTask<IReadOnlyList<GridLevelInfo>> GetLevelsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<IReadOnlyList<GridUnitInfo>> GetAncestorsAsync(string code, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<IReadOnlyList<GridUnitInfo>> GetChildrenAsync(string? code, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<IReadOnlyList<GridUnitInfo>> GetSubtreeAsync(string code, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<bool> IsWithinAsync(string ancestorCode, string code, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<GridUnitInfo?> LocateAsync(double longitude, double latitude, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<GridRollUp>> RollUpAsync(int? depth = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    /// <summary>Only what the renderer asks: published versions by id ("published1" is published and routed).</summary>
    private sealed class TestContentManager : IContentManager
    {
        public Task<ContentItem?> GetPublishedAsync(string contentItemId, CancellationToken cancellationToken = default) =>
            Task.FromResult(contentItemId == "published1"
                ? new ContentItem { ContentItemId = "published1", ContentType = "Project", Published = true, Title = "老年大学", Slug = "projects/university" }
                : null);

        public Task<ContentItem?> NewAsync(string contentType, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ContentItem?> GetLatestAsync(string contentItemId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ContentItem?> GetVersionAsync(string contentItemId, int versionNumber, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<ContentItem>> GetVersionsAsync(string contentItemId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ContentItem?> FindPublishedBySlugAsync(string slug, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ContentResult<ContentItem>> SaveAsync(ContentItem item, bool publish = false, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ContentResult<ContentItem>> PublishAsync(string contentItemId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ContentResult<ContentItem>> UnpublishAsync(string contentItemId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ContentResult<ContentItem>> ScheduleAsync(string contentItemId, DateTime? publishUtc, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ContentResult<ContentItem>> RestoreAsync(string contentItemId, int versionNumber, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ContentResult<ContentItem>> DeleteAsync(string contentItemId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<int> PublishDueAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ContentPage> QueryAsync(ContentQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
