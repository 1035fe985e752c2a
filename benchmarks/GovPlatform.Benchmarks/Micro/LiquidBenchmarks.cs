using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using GovPlatform.Contents.Rendering;

namespace GovPlatform.Benchmarks.Micro;

/// <summary>
/// What the host-wide template cache saves on each page: looking a template up by its text, against parsing and
/// sandboxing it for every render (the baseline), for the module's item and list templates.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class LiquidBenchmarks
{
    private string _item = "";
    private string _list = "";

    [GlobalSetup]
    public void Setup()
    {
        _item = EmbeddedTemplates.Find(EmbeddedTemplates.Module, ContentTemplateNames.Item)!;
        _list = EmbeddedTemplates.Find(EmbeddedTemplates.Module, ContentTemplateNames.List)!;
        LiquidTemplateCache.Shared.Get(_item);
        LiquidTemplateCache.Shared.Get(_list);
    }

    [Benchmark(Baseline = true, Description = "Item template: parse and sandbox on every render (baseline)"), BenchmarkCategory("item")]
    public bool ParseItem() => new LiquidTemplateCache(1).Get(_item).Template is not null;

    [Benchmark(Description = "Item template: host-wide cache by text"), BenchmarkCategory("item")]
    public bool CachedItem() => LiquidTemplateCache.Shared.Get(_item).Template is not null;

    [Benchmark(Baseline = true, Description = "List template: parse and sandbox on every render (baseline)"), BenchmarkCategory("list")]
    public bool ParseList() => new LiquidTemplateCache(1).Get(_list).Template is not null;

    [Benchmark(Description = "List template: host-wide cache by text"), BenchmarkCategory("list")]
    public bool CachedList() => LiquidTemplateCache.Shared.Get(_list).Template is not null;
}
