using System.Text.Json.Nodes;
using GovPlatform.Core.Shells;
using GovPlatform.Core.Tenants;
using GovPlatform.Tenants;
using Microsoft.Extensions.Configuration;

namespace GovPlatform.Core.Tests;

public sealed class TenantRouteTableTests
{
    private static readonly ShellSettings Default = Tenant("default", "");
    private static readonly ShellSettings Zhanqian = Tenant("zhanqian", "zhanqian");
    private static readonly ShellSettings Lianhu = Tenant("lianhu", "lianhu");
    private static readonly ShellSettings YuexiuByHost = Tenant("yuexiu", "", "yuexiu.gov.example");
    private static readonly ShellSettings YuexiuLegal = Tenant("yuexiu-legal", "legal", "yuexiu.gov.example");

    private readonly TenantRouteTable _table = new([Default, Zhanqian, Lianhu, YuexiuByHost, YuexiuLegal]);

    [Theory]
    [InlineData("localhost", "zhanqian", "zhanqian", "zhanqian")]
    [InlineData("localhost", "ZhanQian", "zhanqian", "zhanqian")]
    [InlineData("localhost", "lianhu", "lianhu", "lianhu")]
    [InlineData("yuexiu.gov.example", "", "yuexiu", "")]
    [InlineData("yuexiu.gov.example", "zhanqian", "yuexiu", "")]
    [InlineData("yuexiu.gov.example", "legal", "yuexiu-legal", "legal")]
    public void Resolves_host_name_first_then_prefix(string host, string segment, string expected, string expectedPrefix)
    {
        var match = _table.Match(host, segment, out var prefix);

        Assert.Equal(expected, match?.Name);
        Assert.Equal(expectedPrefix, prefix);
    }

    [Fact]
    public void Anything_else_falls_to_the_default_tenant()
    {
        Assert.Null(_table.Match("localhost", "nowhere", out _));
        Assert.Equal("default", _table.Fallback?.Name);
        Assert.Equal("lianhu", _table.ByName("lianhu")?.Name);
    }

    [Fact]
    public void Finds_clashing_addresses()
    {
        Assert.Equal("zhanqian", _table.FindClash(Tenant("other", "zhanqian"))?.Name);
        Assert.Equal("yuexiu", _table.FindClash(Tenant("other", "", "yuexiu.gov.example"))?.Name);
        Assert.Null(_table.FindClash(Tenant("other", "zhanqian", "elsewhere.example")));
        Assert.Null(_table.FindClash(Tenant("wanyuan", "wanyuan")));
    }

    private static ShellSettings Tenant(string name, string prefix, params string[] hosts) => new()
    {
        Name = name,
        State = TenantState.Running,
        UrlPrefix = prefix,
        HostNames = hosts,
        Definition = new JsonObject(),
        Configuration = new ConfigurationBuilder().Build(),
    };
}
