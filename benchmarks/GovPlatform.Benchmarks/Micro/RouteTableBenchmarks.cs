using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using GovPlatform.Core.Shells;
using GovPlatform.Core.Tenants;
using Microsoft.Extensions.Configuration;

namespace GovPlatform.Benchmarks.Micro;

/// <summary>Tenant resolution, the first thing every request does: a table of 5,000 tenants.</summary>
[MemoryDiagnoser]
public class RouteTableBenchmarks
{
    private TenantRouteTable _table = TenantRouteTable.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var configuration = new ConfigurationBuilder().Build();
        var tenants = Enumerable.Range(0, 5000).Select(i => new ShellSettings
        {
            Name = $"t{i:D5}",
            UrlPrefix = i % 10 == 0 ? "" : $"t{i:D5}",
            HostNames = i % 10 == 0 ? [$"t{i:D5}.gov.example.cn"] : [],
            Definition = new JsonObject(),
            Configuration = configuration,
        }).Append(new ShellSettings { Name = ShellSettings.DefaultTenantName, Definition = new JsonObject(), Configuration = configuration });
        _table = new TenantRouteTable(tenants);
    }

    [Benchmark(Description = "Resolve by URL prefix")]
    public ShellSettings? ByPrefix() => _table.Match("localhost", "t04321", out _);

    [Benchmark(Description = "Resolve by host name")]
    public ShellSettings? ByHostName() => _table.Match("t04320.gov.example.cn", "news", out _);

    [Benchmark(Description = "Fall back to the Default tenant")]
    public ShellSettings? Fallback() => _table.Match("localhost", "nosuch", out _);
}
