using System.Text.Json.Nodes;
using GovPlatform.Contents;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Localization;

namespace GovPlatform.Host.Tests.Contents;

/// <summary>Tenants with the contents module (and the grid of <see cref="GridTestData"/>), and a type with every field kind.</summary>
internal static class ContentTestData
{
    public static readonly string[] Features = ["GovPlatform.Contents", "GovPlatform.Grid", "GovPlatform.Themes.Civic", "GovPlatform.Themes.Admin"];

    /// <summary>A tenant with contents, the grid test district and its users (admin, staff of D-01-01, street admin of D-02).</summary>
    public static TestHost WithContentTenant(this TestHost host, string name, JsonArray? extraSteps = null)
    {
        host.WithGridTenant(name);
        var definition = Path.Combine(host.TenantsPath, name, "recipe.json");
        var recipe = JsonNode.Parse(File.ReadAllText(definition))!.AsObject();
        var enable = recipe["steps"]![0]!["enable"]!.AsArray();
        enable.Add("GovPlatform.Contents");
        foreach (var step in extraSteps ?? [])
        {
            recipe["steps"]!.AsArray().Add(step!.DeepClone());
        }

        return host.WriteFile($"{name}/recipe.json", recipe.ToJsonString());
    }

    /// <summary>A project type with a title, an HTML body, a route, publishing, the grid, a location and one field of each kind.</summary>
    public static ContentTypeDefinition ProjectType(string name = "Project") => new()
    {
        Name = name,
        DisplayName = new BilingualText("公益项目", "Public-benefit project"),
        Parts =
        [
            new() { Kind = ContentPartKind.Title, Required = true },
            new() { Kind = ContentPartKind.Body, Format = BodyFormat.Html },
            new() { Kind = ContentPartKind.Route },
            new() { Kind = ContentPartKind.Publish },
            new() { Kind = ContentPartKind.Owner },
            new() { Kind = ContentPartKind.Grid },
            new() { Kind = ContentPartKind.Location },
        ],
        Fields =
        [
            new() { Name = "organiser", Kind = ContentFieldKind.Text, DisplayName = new("主办单位", "Organiser"), Required = true, MaxLength = 20 },
            new() { Name = "budget", Kind = ContentFieldKind.Number, DisplayName = new("预算", "Budget"), Minimum = 0, Maximum = 1_000_000, Decimals = 2 },
            new() { Name = "open", Kind = ContentFieldKind.Boolean, DisplayName = new("招募中", "Recruiting") },
            new() { Name = "starts", Kind = ContentFieldKind.DateTime, DisplayName = new("开始日期", "Starts") },
            new() { Name = "meeting", Kind = ContentFieldKind.DateTime, WithTime = true, DisplayName = new("启动会", "Kick-off") },
            new()
            {
                Name = "category", Kind = ContentFieldKind.Choice, DisplayName = new("类别", "Category"),
                Options = [new() { Value = "elderly", Text = new("养老", "Elderly care") }, new() { Value = "children", Text = new("儿童", "Children") }],
            },
            new() { Name = "website", Kind = ContentFieldKind.Link, DisplayName = new("网站", "Website") },
            new() { Name = "photos", Kind = ContentFieldKind.Media, Multiple = true, DisplayName = new("照片", "Photos") },
            new() { Name = "related", Kind = ContentFieldKind.ContentPicker, Multiple = true, ContentTypes = [name], DisplayName = new("相关项目", "Related") },
            new() { Name = "units", Kind = ContentFieldKind.GridPicker, Multiple = true, DisplayName = new("服务网格", "Grids served") },
        ],
        List = new ContentListSettings { Slug = "projects", PageSize = 2 },
    };

    public static ContentItem Item(string type, string title, string? slug = null, Action<JsonObject>? fields = null)
    {
        var values = new JsonObject { ["organiser"] = "东风街道" };
        fields?.Invoke(values);
        return new ContentItem { ContentType = type, Title = title, Slug = slug, Fields = values };
    }
}
