using GovPlatform.Contents.Rendering;
using static GovPlatform.Contents.Tests.Rendering.RenderingTestSupport;

namespace GovPlatform.Contents.Tests.Rendering;

/// <summary>The sandbox templates run in: no files, no CLR members, bounded loops and values, and templates parsed once.</summary>
public sealed class LiquidSandboxTests
{
    [Theory]
    [InlineData("{% include '/etc/passwd' %}", "include", 1, 1)]
    [InlineData("<p>\n  {% render '../appsettings' %}</p>", "render", 2, 3)]
    [InlineData("{%- include '../../../../etc/hostname' -%}", "include", 1, 1)]
    public async Task A_template_cannot_include_or_render_files(string text, string tag, int line, int column)
    {
        var parsed = LiquidTemplateCache.Shared.Get(text);
        Assert.False(parsed.Succeeded);
        Assert.Equal((line, column), (parsed.Error!.Line, parsed.Error.Column));
        Assert.Contains(tag, parsed.Error.Message.English, StringComparison.Ordinal);

        // As an override it is refused and the page is rendered with the default; nothing of the file appears.
        var html = await Renderer(new Dictionary<string, string> { ["item-Project"] = text }).RenderItemAsync(Item(), Type(), default);
        Assert.StartsWith("<article class=\"content-item", html, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", html, StringComparison.Ordinal);
        var failure = await Assert.ThrowsAsync<LiquidTemplateException>(() => Renderer().RenderSampleAsync("item", text, Type(), default));
        Assert.Equal(line, failure.Error.Line);
    }

    [Fact]
    public async Task A_template_reaches_nothing_but_the_values_it_is_given()
    {
        const string Text = "[{{ item.GetType }}][{{ item.GetType.Assembly }}][{{ item.fields.budget.value.Length }}][{{ item.title.Length }}]" +
            "[{{ item.published.Ticks }}][{{ site.GetHashCode }}][{{ item.fields.photos.items.first.ToString }}][{{ item.Body }}][{{ item.fields.dropped.value }}]" +
            "[{{ item.title.size }}][{{ item.fields.photos.items.size }}]";
        var html = await Renderer().RenderSampleAsync("item", Text, Type(), default);
        Assert.Equal("[][][][][][][][][][6][1]", html);
    }

    [Fact]
    public async Task An_endless_or_huge_loop_is_stopped_with_a_clear_error()
    {
        var renderer = Renderer();
        var nested = await Assert.ThrowsAsync<LiquidTemplateException>(() =>
            renderer.RenderSampleAsync("item", "{% for i in (1..9999) %}{% for j in (1..9999) %}{{ j }}{% endfor %}{% endfor %}", Type(), default));
        Assert.Contains("100,000", nested.Error.Message.English, StringComparison.Ordinal);
        Assert.Contains("100,000", nested.Error.Message.Chinese, StringComparison.Ordinal);

        // A range is refused before Fluid builds its numbers in memory.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var huge = await Assert.ThrowsAsync<LiquidTemplateException>(() =>
            renderer.RenderSampleAsync("item", "{% assign n = 100000000 %}{% for i in (1..n) %}x{% endfor %}", Type(), default));
        Assert.Contains("range", huge.Error.Message.English, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");

        // A value doubled again and again is stopped long before it fills the memory.
        var doubling = await Assert.ThrowsAsync<LiquidTemplateException>(() =>
            renderer.RenderSampleAsync("item", "{% assign s = 'abcdefgh' %}{% for i in (1..60) %}{% assign s = s | append: s %}{% endfor %}{{ s.size }}", Type(), default));
        Assert.Contains("too large", doubling.Error.Message.English, StringComparison.Ordinal);
        var capture = await Assert.ThrowsAsync<LiquidTemplateException>(() =>
            renderer.RenderSampleAsync("item", "{% assign s = 'abcdefgh' %}{% for i in (1..60) %}{% capture s %}{{ s }}{{ s }}{% endcapture %}{% endfor %}", Type(), default));
        Assert.Contains("too large", capture.Error.Message.English, StringComparison.Ordinal);

        // So is the output.
        var output = await Assert.ThrowsAsync<LiquidTemplateException>(() =>
            renderer.RenderSampleAsync("item", "{% assign s = 'abcdefghij' %}{% for i in (1..14) %}{% assign s = s | append: s %}{% endfor %}{% for i in (1..9000) %}{{ s }}{% endfor %}", Type(), default));
        Assert.Contains("output", output.Error.Message.English, StringComparison.Ordinal);

        // Ordinary loops run.
        Assert.Equal("12345", await renderer.RenderSampleAsync("item", "{% for i in (1..5) %}{{ i }}{% endfor %}", Type(), default));
    }

    [Theory]
    [InlineData("if", "Blocks are nested too deep")]
    [InlineData("index", "Brackets are nested too deep")]
    [InlineData("filters", "Too many filters")]
    [InlineData("liquid", "{% liquid %}")]
    public async Task A_text_nested_deep_enough_to_overflow_the_stack_is_refused_before_it_is_parsed(string shape, string message)
    {
        // Each of these (within the length limit) overflows Fluid's recursive parser or evaluator, which ends the process.
        var text = shape switch
        {
            "if" => string.Concat(Enumerable.Repeat("{%if 1%}", 5000)) + "x" + string.Concat(Enumerable.Repeat("{%endif%}", 5000)),
            "index" => "{{ a" + string.Concat(Enumerable.Repeat("[a", 5000)) + new string(']', 5000) + " }}",
            "filters" => "{{ a" + string.Concat(Enumerable.Repeat("|upcase", 12000)) + " }}",
            _ => "{% liquid\n if item.title\n echo item.title\n endif %}",
        };
        Assert.True(text.Length <= LiquidTemplateCache.MaxTemplateLength);
        var parsed = LiquidTemplateCache.Shared.Get(text);
        Assert.False(parsed.Succeeded);
        Assert.Contains(message, parsed.Error!.Message.English, StringComparison.Ordinal);
        Assert.Equal(1, parsed.Error.Line);

        // Within the limits the same shapes work.
        var fine = shape switch
        {
            "if" => string.Concat(Enumerable.Repeat("{% if item.title %}", 12)) + "{{ item.title }}" + string.Concat(Enumerable.Repeat("{% endif %}", 12)),
            "index" => "{{ item.fields.themes.value[0] }}",
            "filters" => "{{ item.title" + string.Concat(Enumerable.Repeat(" | upcase", 40)) + " }}",
            _ => "{% if item.title %}{{ item.title }}{% endif %}",
        };
        Assert.NotEqual("", await Renderer().RenderSampleAsync("item", fine, Type(), default));
    }

    [Fact]
    public void A_text_is_parsed_once_and_the_cache_stays_bounded()
    {
        var cache = new LiquidTemplateCache(4);
        var first = cache.Get("<p>{{ item.title }}</p>");
        var second = cache.Get("<p>{{ item.title }}</p>");
        Assert.Same(first, second);
        Assert.Same(first.Template, second.Template);
        Assert.Equal(1, cache.ParseCount);

        // Refusals are cached too.
        Assert.Same(cache.Get("{% if %}").Error, cache.Get("{% if %}").Error);
        Assert.Equal(2, cache.ParseCount);

        for (var i = 0; i < 20; i++)
        {
            cache.Get($"<p>{i}</p>");
        }

        Assert.InRange(cache.Count, 1, 4);

        // The host's cache serves every renderer.
        var text = $"<p>{Guid.NewGuid()}</p>";
        Assert.Same(LiquidTemplateCache.Shared.Get(text).Template, LiquidTemplateCache.Shared.Get(text).Template);
    }

    [Theory]
    [InlineData("<p>\n{% if item.title %}\n<b>", 3, 4, "'{% endif %}' was expected")]
    [InlineData("{{ item.title ", 1, 14, "End of tag")]
    [InlineData("a\nb\n  {% for %}", 3, 9, "Invalid 'for' tag")]
    [InlineData("{% unknown %}", 1, 11, "Unknown tag 'unknown'")]
    public void A_syntax_error_names_its_line_and_column(string text, int line, int column, string detail)
    {
        var error = LiquidTemplateCache.Shared.Get(text).Error!;
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(detail, error.Message.English, StringComparison.Ordinal);
        Assert.StartsWith($"第 {line} 行第 {column} 列：语法错误", error.Text(System.Globalization.CultureInfo.GetCultureInfo("zh-CN")), StringComparison.Ordinal);
        Assert.StartsWith($"Line {line}, column {column}: Syntax error", error.Text(System.Globalization.CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_longer_than_the_limit_is_refused()
    {
        var parsed = LiquidTemplateCache.Shared.Get(new string('x', LiquidTemplateCache.MaxTemplateLength + 1));
        Assert.False(parsed.Succeeded);
        Assert.Contains("too long", parsed.Error!.Message.English, StringComparison.Ordinal);
    }
}
