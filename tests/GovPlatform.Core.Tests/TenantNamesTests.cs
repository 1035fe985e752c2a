using System.Text.Json.Nodes;
using GovPlatform.Core.State;
using GovPlatform.Core.Tenants;

namespace GovPlatform.Core.Tests;

public sealed class TenantNamesTests
{
    [Theory]
    [InlineData("zhanqian", null)]
    [InlineData("street-centre-1", null)]
    [InlineData("Zhanqian", "slug")]
    [InlineData("zhan_qian", "slug")]
    [InlineData("1district", "slug")]
    [InlineData("a", "slug")]
    [InlineData("trailing-", "slug")]
    [InlineData("站前", "slug")]
    [InlineData("api", "reserved")]
    [InlineData("default", "reserved")]
    public void Names_are_lowercase_ascii_slugs_that_are_not_reserved(string name, string? error)
    {
        var result = TenantNames.ValidateNewName(name);

        if (error is null)
        {
            Assert.Null(result);
        }
        else
        {
            Assert.Contains(error, result);
        }
    }

    [Fact]
    public void Site_settings_merge_deeply_and_null_removes()
    {
        var target = JsonNode.Parse("""{ "Site": { "Name": { "zh-CN": "旧", "en": "Old" }, "Facts": [1] }, "Keep": 1, "Drop": 2 }""")!.AsObject();
        var patch = JsonNode.Parse("""{ "Site": { "Name": { "zh-CN": "新" }, "Facts": [2, 3] }, "Drop": null }""")!.AsObject();

        SiteSettings.Merge(target, patch);

        Assert.Equal("""{"Site":{"Name":{"zh-CN":"新","en":"Old"},"Facts":[2,3]},"Keep":1}""", target.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }
}
