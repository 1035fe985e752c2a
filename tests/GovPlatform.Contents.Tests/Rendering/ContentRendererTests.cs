using GovPlatform.Contents.Rendering;
using GovPlatform.Themes.Civic;
using GovPlatform.Themes.Red;
using static GovPlatform.Contents.Tests.Rendering.RenderingTestSupport;

namespace GovPlatform.Contents.Tests.Rendering;

/// <summary>What the public site shows of an item and a list: every field kind, parts, encoding, sanitising and the template lookup.</summary>
public sealed class ContentRendererTests
{
    [Fact]
    public async Task Every_field_kind_renders_with_its_label_in_the_tenants_time_zone()
    {
        var html = await InCultureAsync("zh-CN", () => Renderer().RenderItemAsync(Item(), Type(), default));

        Assert.Contains("<dt>简介</dt><dd>社区长者午餐</dd>", html, StringComparison.Ordinal);
        // Several lines: each line kept, the text still encoded.
        Assert.Contains("<dd>第一行<br />第二行 &lt;b&gt;不加粗&lt;/b&gt;</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dd>12,345.5 元</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>开放</dt><dd>是</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2024-05-01\">2024-05-01</time>", html, StringComparison.Ordinal);
        // 08:30 UTC is 16:30 in Shanghai.
        Assert.Contains("<time datetime=\"2024-05-01T08:30:00Z\">2024-05-01 16:30</time>", html, StringComparison.Ordinal);
        // An option removed from the type is not shown.
        Assert.Contains("<dd><span class=\"content-choice\">养老</span></dd>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("removed-option", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.org/p?a=1&amp;b=2\" rel=\"noopener\">项目主页</a>", html, StringComparison.Ordinal);
        // A javascript: link is shown as its text only.
        Assert.Contains("<dt>陷阱链接</dt><dd>点我</dd>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript", html, StringComparison.OrdinalIgnoreCase);
        // Media: an image as <img>, a file as a link with its name, a path leaving the library dropped.
        Assert.Contains("<img class=\"content-image\" src=\"/alpha/media/2024/05/photo%20one.jpg\" alt=\"长者饭堂\"", html, StringComparison.Ordinal);
        Assert.Contains("<a class=\"content-file\" href=\"/alpha/media/docs/plan.pdf\">plan.pdf</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", html, StringComparison.Ordinal);
        // Content picker: only published items, by title and address.
        Assert.Contains("<li><a href=\"/alpha/projects/university\">老年大学</a></li>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("draft1", html, StringComparison.Ordinal);
        Assert.DoesNotContain("missing1", html, StringComparison.Ordinal);
        // Grid picker: names from the grid, the code for a unit it does not know.
        Assert.Contains("<span class=\"content-grid-unit\">第一网格</span>、<span class=\"content-grid-unit\">X-99</span>", html, StringComparison.Ordinal);
        // A field with no value is left out; a value of a field no longer in the type is never shown.
        Assert.DoesNotContain("空字段", html, StringComparison.Ordinal);
        Assert.DoesNotContain("旧字段的值", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parts_render_in_the_readers_language()
    {
        var chinese = await InCultureAsync("zh-CN", () => Renderer().RenderItemAsync(Item(), Type(), default));
        Assert.Contains("<h1 class=\"content-title\">长者饭堂</h1>", chinese, StringComparison.Ordinal);
        // Published 20:30 UTC on 1 May is 2 May in Shanghai.
        Assert.Contains("发布于 <time datetime=\"2024-05-01T20:30:00Z\">2024-05-02</time>", chinese, StringComparison.Ordinal);
        Assert.Contains("发布者：wang", chinese, StringComparison.Ordinal);
        Assert.Contains("所属网格：第一网格", chinese, StringComparison.Ordinal);
        Assert.Contains("地点：中山路 1 号", chinese, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/alpha/projects\">返回公益项目</a>", chinese, StringComparison.Ordinal);

        var english = await InCultureAsync("en", () => Renderer().RenderItemAsync(Item(), Type(), default));
        Assert.Contains("Published <time", english, StringComparison.Ordinal);
        Assert.Contains("Grid: Grid One", english, StringComparison.Ordinal);
        Assert.Contains("<dt>Open</dt><dd>Yes</dd>", english, StringComparison.Ordinal);
        Assert.Contains("<dd><span class=\"content-choice\">Elderly care</span></dd>", english, StringComparison.Ordinal);
        Assert.Contains("<dd>12,345.5 yuan</dd>", english, StringComparison.Ordinal);
        Assert.Contains("Back to Public-benefit project", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_grid_and_content_services_codes_are_shown_and_picks_are_left_out()
    {
        var html = await InCultureAsync("zh-CN", () => Renderer(services: false).RenderItemAsync(Item(), Type(), default));
        Assert.Contains("所属网格：D-01", html, StringComparison.Ordinal);
        Assert.DoesNotContain("相关项目", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Html_in_a_title_is_encoded()
    {
        var html = await Renderer().RenderItemAsync(Item(title: "<script>alert('x')</script> & <b>粗</b>"), Type(), default);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>粗", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;粗&lt;/b&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_body_is_sanitised_and_written_as_html()
    {
        var item = Item();
        item.Body = "<p onclick=\"steal()\">你好 <strong>世界</strong><img src=\"x.png\" onerror=\"alert(1)\"></p><script>alert(2)</script><a href=\"javascript:alert(3)\">链接</a>";
        var html = await Renderer().RenderItemAsync(item, Type(), default);

        Assert.Contains("<div class=\"content-body\"><p>你好 <strong>世界</strong><img src=\"x.png\"></p><a>链接</a></div>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("onclick", html, StringComparison.Ordinal);
        Assert.DoesNotContain("onerror", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript", html, StringComparison.Ordinal);

        // Markdown is rendered, raw HTML in it sanitised the same way.
        var type = Type();
        type.Part(ContentPartKind.Body)!.Format = BodyFormat.Markdown;
        item.Body = "**加粗** <img src=x onerror=alert(1)>";
        var markdown = await Renderer().RenderItemAsync(item, type, default);
        Assert.Contains("<strong>加粗</strong>", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("onerror", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_t_filter_gives_the_english_text_to_english_readers()
    {
        var overrides = new Dictionary<string, string> { ["item-Project"] = "<p>{{ \"更多\" | t: \"More\" }}|{{ \"只有中文\" | t }}|{{ site.name }}|{{ site.culture }}</p>" };
        Assert.Equal("<p>更多|只有中文|示范区|zh-CN</p>", await InCultureAsync("zh-CN", () => Renderer(overrides).RenderItemAsync(Item(), Type(), default)));
        Assert.Equal("<p>More|只有中文|Demo district|en</p>", await InCultureAsync("en", () => Renderer(overrides).RenderItemAsync(Item(), Type(), default)));
        Assert.Equal("<p>More|只有中文|Demo district|en-GB</p>", await InCultureAsync("en-GB", () => Renderer(overrides).RenderItemAsync(Item(), Type(), default)));
    }

    [Fact]
    public async Task The_theme_template_is_chosen_over_the_module_default_and_the_override_over_the_theme()
    {
        var module = await Renderer().RenderItemAsync(Item(), Type(), default);
        Assert.Contains("<article class=\"content-item content-type-Project\">", module, StringComparison.Ordinal);

        var civic = await Renderer(theme: typeof(CivicTheme).Assembly).RenderItemAsync(Item(), Type(), default);
        Assert.Contains("<article class=\"civic-article content-item", civic, StringComparison.Ordinal);
        // The parts and fields the theme does not bring come from the module.
        Assert.Contains("<div class=\"content-field content-field-number field-budget\">", civic, StringComparison.Ordinal);

        var red = await Renderer(theme: typeof(RedTheme).Assembly).RenderItemAsync(Item(), Type(), default);
        Assert.Contains("<article class=\"red-article content-item", red, StringComparison.Ordinal);

        var overrides = new Dictionary<string, string> { ["item-Project"] = "<div class=\"mine\">{{ item.title }}: {{ item.fields.budget.text }}</div>" };
        var overridden = await Renderer(overrides, typeof(CivicTheme).Assembly).RenderItemAsync(Item(), Type(), default);
        Assert.Equal("<div class=\"mine\">长者饭堂: 12,345.5 元</div>", overridden);

        // An override names its type: another type keeps the theme's template.
        var other = Type();
        other.Name = "Notice";
        Assert.Contains("civic-article", await Renderer(overrides, typeof(CivicTheme).Assembly).RenderItemAsync(Item(), other, default), StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_an_override_writes_is_sanitised()
    {
        var overrides = new Dictionary<string, string>
        {
            ["item-Project"] = "<script>alert(1)</script><p class=\"x\" onclick=\"steal()\" style=\"color:red\">{{ item.title }}</p><a href=\"javascript:x()\">a</a>{{ item.fields_html | raw }}",
        };
        var html = await Renderer(overrides).RenderItemAsync(Item(), Type(), default);
        Assert.StartsWith("<p class=\"x\">长者饭堂</p><a>a</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("onclick", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style", html, StringComparison.Ordinal);
        // The module's field markup survives the sanitiser.
        Assert.Contains("<div class=\"content-field content-field-link field-site\"><dt>网址</dt><dd><a href=\"https://example.org/p?a=1&amp;b=2\" rel=\"noopener\">项目主页</a></dd></div>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_override_that_fails_falls_back_to_the_theme_so_the_page_still_renders()
    {
        var overrides = new Dictionary<string, string>
        {
            ["item-Project"] = "{% for i in (1..9999) %}{% for j in (1..9999) %}x{% endfor %}{% endfor %}",
            ["summary-Project"] = "{% if %}",
            ["list-Project"] = "{% include 'list' %}",
        };
        var renderer = Renderer(overrides, typeof(CivicTheme).Assembly);
        Assert.Contains("civic-article", await renderer.RenderItemAsync(Item(), Type(), default), StringComparison.Ordinal);
        var list = await renderer.RenderListAsync(Type(), new ContentPage([Item()], 1, 1, 10), n => $"/alpha/projects?page={n}", default);
        Assert.Contains("<section class=\"civic-list", list, StringComparison.Ordinal);
        Assert.Contains("<article class=\"civic-card content-summary\">", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_list_shows_each_item_by_its_summary_and_a_pager()
    {
        var page = new ContentPage([Item("a1", "第一项"), Item("a2", "第二项")], Total: 5, Page: 2, PageSize: 2);
        var html = await InCultureAsync("zh-CN", () => Renderer().RenderListAsync(Type(), page, n => $"/alpha/projects?page={n}", default));

        Assert.Contains("<h1>公益项目</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<h2 class=\"content-summary-title\"><a href=\"/alpha/projects/a1\">第一项</a></h2>", html, StringComparison.Ordinal);
        Assert.Contains("<h2 class=\"content-summary-title\"><a href=\"/alpha/projects/a2\">第二项</a></h2>", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"content-summary-excerpt\">为长者提供午餐。</p>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/alpha/projects?page=1\" rel=\"prev\">上一页</a>", html, StringComparison.Ordinal);
        Assert.Contains("<span aria-current=\"page\">2</span>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/alpha/projects?page=3\" rel=\"next\">下一页</a>", html, StringComparison.Ordinal);
        Assert.Contains("第 2 / 3 页，共 5 条", html, StringComparison.Ordinal);

        var last = new ContentPage([Item("a5", "第五项")], Total: 5, Page: 3, PageSize: 2);
        var end = await Renderer().RenderListAsync(Type(), last, n => $"/alpha/projects?page={n}", default);
        Assert.DoesNotContain("rel=\"next\"", end, StringComparison.Ordinal);

        var empty = await InCultureAsync("en", () => Renderer().RenderListAsync(Type(), new ContentPage([], 0, 1, 2), n => $"?page={n}", default));
        Assert.Contains("Nothing here yet.", empty, StringComparison.Ordinal);
        Assert.DoesNotContain("content-pager", empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Items_without_a_route_are_addressed_by_id_and_parts_the_type_lacks_are_not_shown()
    {
        var type = Type();
        type.Parts.RemoveAll(p => p.Kind is ContentPartKind.Route or ContentPartKind.Owner or ContentPartKind.Grid);
        var overrides = new Dictionary<string, string>
        {
            ["item-Project"] = "{{ item.url }}|{{ item.owner }}|{{ item.grid.code }}|{{ item.parts.owner }}|{{ item.location.address }}|{{ item.id }}|{{ item.version }}|{{ item.type.name }}|{{ item.published | date: '%Y-%m-%d %H:%M' }}",
        };
        Assert.Equal("/alpha/contents/item1||||中山路 1 号|item1|3|Project|2024-05-02 04:30", await Renderer(overrides).RenderItemAsync(Item(), type, default));
    }

    [Fact]
    public async Task Every_template_of_the_module_and_the_themes_parses()
    {
        Assert.All(ContentTemplateNames.All, name => Assert.True(
            LiquidTemplateCache.Shared.Get(RendererFor(null).ShippedText(name) ?? throw new InvalidOperationException($"no module template {name}")).Succeeded, name));
        foreach (var theme in new[] { typeof(CivicTheme).Assembly, typeof(RedTheme).Assembly })
        {
            foreach (var name in new[] { ContentTemplateNames.Item, ContentTemplateNames.Summary, ContentTemplateNames.List })
            {
                var text = RendererFor(theme).ShippedText(name);
                Assert.NotEqual(RendererFor(null).ShippedText(name), text);
                Assert.True(LiquidTemplateCache.Shared.Get(text!).Succeeded, $"{theme.GetName().Name} {name}");
            }
        }

        // The sample of the type renders with each of them.
        foreach (var theme in new[] { typeof(CivicTheme).Assembly, typeof(RedTheme).Assembly, null })
        {
            foreach (var kind in ContentTemplateNames.Overridable)
            {
                var text = RendererFor(theme).ShippedText(kind)!;
                Assert.NotEmpty(await RendererFor(theme).RenderSampleAsync(kind, text, Type(), default));
            }
        }

        static ContentRenderer RendererFor(System.Reflection.Assembly? theme) => Renderer(theme: theme);
    }
}
