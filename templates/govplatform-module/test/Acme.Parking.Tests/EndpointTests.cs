using GovPlatform.Modules;
using GovPlatform.Tenants;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Acme.Parking.Tests;

public class EndpointTests
{
    [Fact]
    public void The_status_names_the_module_its_version_the_tenant_and_the_sdk()
    {
        var result = Startup.GetStatus(new FakeTenant("zhanqian"));

        Assert.Equal(StatusCodes.Status200OK, result.StatusCode);
        Assert.Equal(new ModuleStatus(ModuleInfo.Id, ModuleInfo.Version, "zhanqian", SdkInfo.Version), result.Value);
    }

    [Fact]
    public void The_page_gets_the_tenant_name()
    {
        var result = Startup.ShowPage(new FakeTenant("lianhu"));

        Assert.Equal("lianhu 显示名", result.Parameters["Tenant"]);
    }

    private sealed class FakeTenant(string name) : ITenant
    {
        public string Name => name;
        public bool IsDefault => false;
        public TenantState State => TenantState.Running;
        public string UrlPrefix => name;
        public IReadOnlyList<string> HostNames => [];
        public string Culture => "zh-CN";
        public string TimeZone => "Asia/Shanghai";
        public string DisplayName => name + " 显示名";
        public string GetDisplayName(string culture) => DisplayName;
        public string Theme => "";
        public IConfiguration Settings { get; } = new ConfigurationBuilder().Build();
    }
}
