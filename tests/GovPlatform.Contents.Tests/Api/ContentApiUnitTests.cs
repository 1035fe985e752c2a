using System.Globalization;
using GovPlatform.Contents.Api;
using GovPlatform.Localization;
using GovPlatform.Tenants;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.OpenApi;

namespace GovPlatform.Contents.Tests.Api;

/// <summary>The API's pieces that need no host: versions from If-Match, instants, field schemas and the document's shape.</summary>
public sealed class ContentApiUnitTests
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    [Theory]
    [InlineData(null, 3, 3, false, false)]
    [InlineData("\"3\"", 3, 3, true, false)]
    [InlineData("\"2\"", 2, 3, true, false)]
    [InlineData("\"2\", \"3\"", 3, 3, true, false)]
    [InlineData("*", 3, 3, true, false)]
    [InlineData("W/\"3\"", null, 3, true, true)]
    [InlineData("\"abc\"", null, 3, true, true)]
    [InlineData("3", null, 3, true, true)]
    public void The_version_a_client_read_comes_from_if_match_before_the_body(string? ifMatch, int? expected, int current, bool fromHeader, bool invalid)
    {
        var context = new DefaultHttpContext();
        if (ifMatch is not null)
        {
            context.Request.Headers.IfMatch = ifMatch;
        }

        var bodyVersion = ifMatch is null ? 3 : 1;
        Assert.Equal((expected, fromHeader, invalid), ContentApiRequests.ExpectedVersion(context, bodyVersion, current));
    }

    [Theory]
    [InlineData("2030-05-01T08:00:00+08:00", "2030-05-01T00:00:00")]
    [InlineData("2030-05-01T00:00:00Z", "2030-05-01T00:00:00")]
    [InlineData("2030-05-01T08:00:00", null)]
    [InlineData("tomorrow", null)]
    public void A_schedule_needs_a_time_with_its_offset(string text, string? utc)
    {
        var parsed = ContentApiRequests.ParseInstant(text);
        Assert.Equal(utc, parsed?.ToString("s", CultureInfo.InvariantCulture));
        Assert.True(parsed is null || parsed.Value.Kind == DateTimeKind.Utc);
    }

    [Fact]
    public void Field_kinds_map_to_json_schema_types_with_their_limits()
    {
        var document = new OpenApiDocument();
        OpenApiSchema Schema(ContentFieldDefinition field) => ContentOpenApi.FieldSchema(document, field, Chinese);

        var line = Schema(new() { Name = "name", Kind = ContentFieldKind.Text, DisplayName = new("名称", "Name"), Hint = new("全称", "In full") });
        Assert.Equal((JsonSchemaType.String, 2_000, "名称"), (line.Type, line.MaxLength, line.Title));
        Assert.Contains("全称", line.Description, StringComparison.Ordinal);
        Assert.Equal(20_000, Schema(new() { Name = "notes", Kind = ContentFieldKind.Text, Multiline = true }).MaxLength);
        var coded = Schema(new() { Name = "code", Kind = ContentFieldKind.Text, MinLength = 2, MaxLength = 6, Pattern = "^[A-Z]+$" });
        Assert.Equal((2, 6, "^[A-Z]+$"), (coded.MinLength, coded.MaxLength, coded.Pattern));

        var count = Schema(new() { Name = "people", Kind = ContentFieldKind.Number, Decimals = 0, Minimum = 1, Maximum = 500 });
        Assert.Equal((JsonSchemaType.Integer, "1", "500"), (count.Type, count.Minimum, count.Maximum));
        Assert.Equal(JsonSchemaType.Number, Schema(new() { Name = "budget", Kind = ContentFieldKind.Number, Minimum = 0.5m }).Type);
        Assert.Equal("date", Schema(new() { Name = "day", Kind = ContentFieldKind.DateTime }).Format);
        Assert.Equal("date-time", Schema(new() { Name = "at", Kind = ContentFieldKind.DateTime, WithTime = true }).Format);

        var options = new List<ContentFieldOption> { new() { Value = "a", Text = new("甲", "A") }, new() { Value = "b", Text = new("乙", "B") } };
        var one = Schema(new() { Name = "pick", Kind = ContentFieldKind.Choice, Options = options });
        Assert.Equal((JsonSchemaType.Array, 1, true), (one.Type, one.MaxItems, one.UniqueItems));
        Assert.Equal(["a", "b"], one.Items!.Enum!.Select(v => v.GetValue<string>()));
        Assert.Contains("a = 甲", one.Description, StringComparison.Ordinal);
        Assert.Equal(3, Schema(new() { Name = "many", Kind = ContentFieldKind.Choice, Multiple = true, MaxItems = 3, Options = options }).MaxItems);
        Assert.Equal(50, Schema(new() { Name = "all", Kind = ContentFieldKind.GridPicker, Multiple = true, MaxItems = 500 }).MaxItems);
        Assert.Equal(ContentOpenApi.LinkSchema, ((OpenApiSchemaReference)Schema(new() { Name = "site", Kind = ContentFieldKind.Link }).AllOf!.Single()).Reference.Id);
    }

    [Fact]
    public async Task The_document_serialises_as_openapi_3_1_and_reads_back_without_errors()
    {
        var type = new ContentTypeDefinition
        {
            Name = "Studio",
            DisplayName = new BilingualText("五老工作室", "Studio"),
            Parts = [new() { Kind = ContentPartKind.Title, Required = true }, new() { Kind = ContentPartKind.Publish }],
            Fields = [new() { Name = "mentor", Kind = ContentFieldKind.Text, Required = true, DisplayName = new("导师", "Mentor") }],
        };
        var document = ContentOpenApi.Build([type], new FakeTenant(), "/zhanqian", CultureInfo.GetCultureInfo("en"));
        var json = await ContentOpenApi.SerializeAsync(document);

        var (read, diagnostic) = OpenApiDocument.Parse(json, "json");
        Assert.Empty(diagnostic!.Errors);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic.SpecificationVersion);
        Assert.Equal("Zhanqian contents API", read!.Info.Title);
        Assert.Equal(["Studio.Fields", "Studio.Item", "Studio.Page", "Studio.Version", "Studio.Write"], read.Components!.Schemas!.Keys.Where(k => k.StartsWith("Studio.", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(["fields", "title"], read.Components.Schemas["Studio.Write"].Required!.Order(StringComparer.Ordinal)); // a required field makes "fields" required
        Assert.DoesNotContain("gridUnitCode", read.Components.Schemas["Studio.Item"].Properties!.Keys); // no grid part
        Assert.Equal("createStudio", read.Paths!["/api/contents/Studio"].Operations![HttpMethod.Post].OperationId);
    }

    private sealed class FakeTenant : ITenant
    {
        public string Name => "zhanqian";

        public bool IsDefault => false;

        public TenantState State => TenantState.Running;

        public string UrlPrefix => "zhanqian";

        public IReadOnlyList<string> HostNames => [];

        public string Culture => "zh-CN";

        public string TimeZone => "Asia/Shanghai";

        public string DisplayName => "站前区";

        public string Theme => "";

        public IConfiguration Settings { get; } = new ConfigurationBuilder().Build();

        public string GetDisplayName(string culture) => culture.StartsWith("en", StringComparison.Ordinal) ? "Zhanqian" : DisplayName;
    }
}
